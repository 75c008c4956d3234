import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport as StreamableV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as StreamableV2,
} from "@modelcontextprotocol/client";
import { afterEach, describe, expect, it } from "vitest";
import { McpServer } from "mcpkit";
import { createMemoryEventStore } from "mcpkit/http";
import type { EventStore, McpHandlerOptions } from "mcpkit/http";
import { createTestServer } from "../fixtures/http/servers.js";
import type { Exchange } from "./helpers.js";
import {
  legacyHeaders,
  post,
  recordingFetch,
  serveMcp,
  sleep,
  sseMessages,
  textOf,
  until,
  within,
} from "./helpers.js";

/*
 * Official clients of both eras against one McpServer served by createMcpHandler + mcpkit/node,
 * over real sockets: 1.32.2 (Streamable HTTP sessions, resumption, legacy HTTP+SSE) and 2.4.0
 * (2026-07-28, pinned and auto).
 */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setup(options: McpHandlerOptions = {}) {
  const { mcp, probes } = createTestServer();
  const served = await serveMcp(mcp, { retryMs: 20, ...options });
  closers.push(async () => {
    await served.close();
    await mcp.close();
  });
  return { mcp, probes, url: served.url };
}

/** An official 1.32.2 client over Streamable HTTP that answers elicitations and records logs. */
async function connectV1(url: URL) {
  const recorder = recordingFetch();
  const client = new ClientV1(
    { name: "official-v1", version: "1.32.2" },
    { capabilities: { elicitation: {} } },
  );
  const logs: string[] = [];
  const elicitations: string[] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
    logs.push(String(notification.params.data));
  });
  client.setRequestHandler(ElicitRequestSchema, (request) => {
    elicitations.push(request.params.message);
    return { action: "accept", content: { city: "Lisbon" } };
  });
  const transport = new StreamableV1(url, { fetch: recorder.fetch });
  closers.push(() => client.close());
  await client.connect(transport);
  return { client, transport, logs, elicitations, exchanges: recorder.exchanges };
}

const methodOf = (exchange: Exchange): unknown => (exchange.body as { method?: unknown } | undefined)?.method;

/** The standalone GET stream (no Last-Event-ID) the 1.32.2 client opens after initializing. */
const standaloneGet = (exchanges: Exchange[]) =>
  exchanges.find((e) => e.method === "GET" && !e.headers.has("last-event-id") && e.status === 200);

describe("official 1.32.2 client over Streamable HTTP (stateful session)", { timeout: 5_000 }, () => {
  it("gets a session, lists and calls tools with logs, progress and an elicitation round trip", async () => {
    const { url } = await setup();
    const { client, transport, logs, elicitations, exchanges } = await connectV1(url);
    expect(client.getServerVersion()).toEqual({ name: "http-test", version: "1.0.0" });
    expect(transport.sessionId).toMatch(/^[0-9a-f]{32}$/);
    const init = exchanges.find((e) => methodOf(e) === "initialize")!;
    expect(init.responseHeaders?.get("mcp-session-id")).toBe(transport.sessionId);
    expect(init.headers.has("mcp-session-id")).toBe(false);

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["work", "poll", "wait_for_cancel", "fail"]);

    const progress: number[] = [];
    const result = await client.callTool({ name: "work", arguments: { steps: 3 } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(textOf(result)).toBe("done in Lisbon");
    expect(result.isError).toBeFalsy();
    expect(logs).toEqual(["step 1", "step 2", "step 3"]);
    expect(progress).toEqual([1, 2, 3]);
    expect(elicitations).toEqual(["Which city?"]);

    // Everything for the call travelled on its POST's SSE stream, the elicitation request included;
    // the client's answer to it came back as its own POST (202) in the same session.
    const call = exchanges.find((e) => methodOf(e) === "tools/call")!;
    expect(call.responseHeaders?.get("content-type")).toBe("text/event-stream");
    await within(call.ended, "the end of the call's stream");
    const onStream = sseMessages(call.sse).map((m) => m.method ?? (m.result ? "result" : "?"));
    const step = ["notifications/message", "notifications/progress"];
    expect(onStream).toEqual([...step, ...step, ...step, "elicitation/create", "result"]);
    const answer = exchanges.find((e) => (e.body as { result?: unknown } | undefined)?.result !== undefined)!;
    await within(answer.ended, "the answer's 202");
    expect(answer.status).toBe(202);
    expect(answer.headers.get("mcp-session-id")).toBe(transport.sessionId);
    // Every request after initialize carried the session id and the negotiated version.
    for (const exchange of exchanges.filter((e) => methodOf(e) !== "initialize")) {
      expect(exchange.headers.get("mcp-session-id")).toBe(transport.sessionId);
      expect(exchange.headers.get("mcp-protocol-version")).toBe("2025-11-25");
    }
  });

  it("delivers notifications/tools/list_changed on the standalone GET stream when a tool is added", async () => {
    const { mcp, url } = await setup();
    const { client, exchanges } = await connectV1(url);
    let changes = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changes += 1;
    });
    await until(() => standaloneGet(exchanges) !== undefined, "the standalone GET stream");
    mcp.tool("late", { description: "Registered at run time" }, () => "late answer");
    await until(() => changes === 1, "notifications/tools/list_changed");
    const get = standaloneGet(exchanges)!;
    await until(() => sseMessages(get.sse).length > 0, "the recorded copy of the GET stream");
    expect(sseMessages(get.sse)).toEqual([{ jsonrpc: "2.0", method: "notifications/tools/list_changed" }]);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain("late");
    expect(textOf(await client.callTool({ name: "late", arguments: {} }))).toBe("late answer");
  });

  it("DELETE ends the session: a later POST with its id gets 404", async () => {
    const { url } = await setup();
    const { client, transport } = await connectV1(url);
    await client.listTools();
    const sessionId = transport.sessionId!;
    await transport.terminateSession();
    expect(transport.sessionId).toBeUndefined();
    const after = await post(url, { jsonrpc: "2.0", id: 9, method: "tools/list" }, legacyHeaders(sessionId));
    expect(after.status).toBe(404);
    // A second DELETE of the same session is a 404 as well.
    const again = await fetch(url, { method: "DELETE", headers: legacyHeaders(sessionId) });
    expect(again.status).toBe(404);
  });
});

describe("resumption with the official 1.32.2 client", { timeout: 5_000 }, () => {
  /** The GETs that resumed a stream (once their streams ended), and the messages each carried. */
  const resumed = async (exchanges: Exchange[]) => {
    const gets = exchanges.filter((e) => e.method === "GET" && e.headers.has("last-event-id"));
    await within(Promise.all(gets.map((e) => e.ended)), "the resumed streams to end");
    return gets.map((e) => ({
      lastEventId: e.headers.get("last-event-id")!,
      messages: sseMessages(e.sse),
      status: e.status,
    }));
  };

  it("ctx.closeStream() mid-call: the client resumes with GET + Last-Event-ID and gets the rest live", async () => {
    const { url } = await setup();
    const { client, transport, logs, exchanges } = await connectV1(url);
    const result = await client.callTool({ name: "poll", arguments: { pauseMs: 300 } });
    expect(textOf(result)).toBe("polled");
    expect(logs).toEqual(["before the break", "after the break"]);
    const call = exchanges.find((e) => methodOf(e) === "tools/call")!;
    await within(call.ended, "the end of the call's stream");
    // The POST's stream: a priming event (id, retry, no data), the first log, then it ended.
    expect(call.sse).toMatch(/^id: \S+\nretry: 20\ndata: \n\n/);
    expect(sseMessages(call.sse).map((m) => m.method)).toEqual(["notifications/message"]);
    const [resume, ...more] = await resumed(exchanges);
    expect(more).toEqual([]);
    expect(resume!.status).toBe(200);
    expect(resume!.lastEventId.startsWith(transport.sessionId!)).toBe(true);
    expect(resume!.messages).toMatchObject([
      { method: "notifications/message", params: { data: "after the break" } },
      { id: (call.body as { id: number }).id, result: { content: [{ type: "text", text: "polled" }] } },
    ]);
  });

  it("ctx.closeStream() and the call finishes while the client is away: the GET replays the rest", async () => {
    const { url } = await setup({ retryMs: 200 });
    const { client, logs, exchanges } = await connectV1(url);
    const result = await client.callTool({ name: "poll", arguments: { pauseMs: 0 } });
    expect(textOf(result)).toBe("polled");
    expect(logs).toEqual(["before the break", "after the break"]);
    const [resume] = await resumed(exchanges);
    expect(resume!.messages.map((m) => m.method ?? "result")).toEqual(["notifications/message", "result"]);
  });

  it("with a slow async EventStore (as Redis is), nothing is lost or repeated across the resume", async () => {
    const mcp = new McpServer({ name: "ticker", version: "1.0.0" });
    mcp.tool(
      "ticker",
      { description: "Logs a tick every 5 ms, its stream closed after the first" },
      async (_args, ctx) => {
        await ctx.info("tick 0");
        ctx.closeStream();
        for (let i = 1; i <= 30; i++) {
          await sleep(5);
          await ctx.info(`tick ${i}`);
        }
        return "ticked";
      },
    );
    const memory = createMemoryEventStore();
    const slow: EventStore = {
      append: async (stream, message) => {
        const id = await memory.append(stream, message);
        await sleep(10);
        return id;
      },
      replayAfter: async (id) => {
        const replay = await memory.replayAfter(id);
        await sleep(30); // events appended meanwhile are not in this replay
        return replay;
      },
      dropStream: (stream) => memory.dropStream(stream),
    };
    const served = await serveMcp(mcp, { retryMs: 10, eventStore: slow });
    closers.push(async () => {
      await served.close();
      await mcp.close();
    });
    const client = new ClientV1({ name: "official-v1", version: "1.32.2" });
    const logs: string[] = [];
    client.setNotificationHandler(
      LoggingMessageNotificationSchema,
      (n) => void logs.push(String(n.params.data)),
    );
    closers.push(() => client.close());
    await client.connect(new StreamableV1(served.url));
    expect(textOf(await client.callTool({ name: "ticker", arguments: {} }))).toBe("ticked");
    expect(logs).toEqual(Array.from({ length: 31 }, (_, i) => `tick ${i}`));
  });

  it("a dropped POST stream (the connection cut mid-call) is no cancellation: the client resumes", async () => {
    const { url } = await setup();
    const recorder = recordingFetch();
    let cut = 0;
    // tools/call goes straight to the network (no recording tee), and its response is cut after
    // the first log event, as a flaky network would: the socket to the server closes.
    const cutting = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const isCall = typeof init?.body === "string" && init.body.includes('"tools/call"');
      if (!isCall) return recorder.fetch(input, init);
      const response = await fetch(input, init);
      const upstream = response.body!.getReader();
      let seen = "";
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const chunk = await upstream.read();
          if (chunk.done) return controller.close();
          controller.enqueue(chunk.value);
          seen += new TextDecoder().decode(chunk.value);
          if (seen.includes("before the break")) {
            cut += 1;
            await upstream.cancel();
            controller.error(new TypeError("terminated"));
          }
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const client = new ClientV1({ name: "official-v1", version: "1.32.2" });
    const logs: string[] = [];
    client.setNotificationHandler(
      LoggingMessageNotificationSchema,
      (n) => void logs.push(String(n.params.data)),
    );
    const transport = new StreamableV1(url, { fetch: cutting });
    transport.onerror = () => {}; // the cut is reported as "SSE stream disconnected"
    closers.push(() => client.close());
    await client.connect(transport);
    // keepStream: the tool does not close its stream itself; the network does.
    const result = await client.callTool({ name: "poll", arguments: { pauseMs: 300, keepStream: true } });
    expect(cut).toBe(1);
    expect(textOf(result)).toBe("polled");
    expect(logs).toEqual(["before the break", "after the break"]);
    expect(await resumed(recorder.exchanges)).toHaveLength(1);
  });
});

describe(
  "official 1.32.2 SSEClientTransport (2024-11-05 HTTP+SSE) on the same endpoint",
  { timeout: 5_000 },
  () => {
    it("connects with GET, POSTs to the announced endpoint, lists tools and calls one", async () => {
      const { url } = await setup();
      const recorder = recordingFetch();
      const client = new ClientV1(
        { name: "official-v1-sse", version: "1.32.2" },
        { capabilities: { elicitation: {} } },
      );
      const logs: string[] = [];
      client.setNotificationHandler(
        LoggingMessageNotificationSchema,
        (n) => void logs.push(String(n.params.data)),
      );
      client.setRequestHandler(ElicitRequestSchema, () => ({ action: "accept", content: { city: "Porto" } }));
      closers.push(() => client.close());
      await client.connect(new SSEClientTransport(url, { fetch: recorder.fetch }));
      expect(client.getServerVersion()).toEqual({ name: "http-test", version: "1.0.0" });
      expect(client.getServerCapabilities()?.tools).toBeDefined();
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("work");
      const result = await client.callTool({ name: "work", arguments: { steps: 1 } });
      expect(textOf(result)).toBe("done in Porto");
      expect(logs).toEqual(["step 1"]);

      const [get, ...posts] = recorder.exchanges;
      await within(Promise.all(posts.map((e) => e.ended)), "the POSTs' answers");
      await until(() => sseMessages(get!.sse).length === 5, "the recorded copy of the GET stream");
      expect(get!.method).toBe("GET");
      expect(get!.url).toBe(url.href);
      expect(get!.sse).toMatch(/^event: endpoint\ndata: \/mcp\?sessionId=[0-9a-f]{32}\n\n/);
      for (const exchange of posts) {
        expect(exchange.method).toBe("POST");
        expect(exchange.url).toMatch(/\/mcp\?sessionId=[0-9a-f]{32}$/);
        expect(exchange.status).toBe(202);
      }
      // The answers, the log and the elicitation request all came on the GET stream.
      expect(sseMessages(get!.sse).map((m) => m.method ?? "response")).toEqual([
        "response", // initialize
        "response", // tools/list
        "notifications/message",
        "elicitation/create",
        "response", // tools/call
      ]);
    });
  },
);

describe("official 2.4.0 client (2026-07-28)", { timeout: 5_000 }, () => {
  for (const mode of [{ pin: "2026-07-28" }, "auto"] as const) {
    it(`${JSON.stringify(mode)}: tools, resources, prompts and an MRTR elicitation, no initialize`, async () => {
      const { url } = await setup();
      const recorder = recordingFetch();
      const client = new ClientV2(
        { name: "official-v2", version: "2.4.0" },
        { capabilities: { elicitation: {} }, versionNegotiation: { mode } },
      );
      const elicitations: string[] = [];
      client.setRequestHandler("elicitation/create", (request) => {
        elicitations.push(request.params.message);
        return { action: "accept", content: { city: "Kyoto" } };
      });
      closers.push(() => client.close());
      await client.connect(new StreamableV2(url, { fetch: recorder.fetch }));
      expect(client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
      expect(client.getServerVersion()).toMatchObject({ name: "http-test", version: "1.0.0" });

      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(["work", "poll", "wait_for_cancel", "fail"]);
      const progress: number[] = [];
      const result = await client.callTool(
        { name: "work", arguments: { steps: 1 } },
        { onprogress: (p) => progress.push(p.progress) },
      );
      expect(textOf(result)).toBe("done in Kyoto");
      expect(elicitations).toEqual(["Which city?"]);
      expect(progress.length).toBeGreaterThan(0);
      const read = await client.readResource({ uri: "greeting://Ada" });
      expect(read.contents).toEqual([{ uri: "greeting://Ada", mimeType: "text/plain", text: "Hello, Ada!" }]);
      const prompt = await client.getPrompt({ name: "greet", arguments: { name: "Ada" } });
      expect(prompt.messages).toEqual([
        { role: "user", content: { type: "text", text: "Please greet Ada." } },
      ]);

      const exchanges = recorder.exchanges;
      await within(Promise.all(exchanges.map((e) => e.ended)), "every response to be recorded");
      expect(exchanges.map(methodOf)).not.toContain("initialize");
      expect(exchanges.every((e) => e.method === "POST")).toBe(true);
      for (const exchange of exchanges) {
        const body = exchange.body as { method: string; params: { name?: string; uri?: string } };
        expect(exchange.headers.get("mcp-method")).toBe(body.method);
        expect(exchange.headers.get("mcp-protocol-version")).toBe("2026-07-28");
        if (body.method === "tools/call" || body.method === "prompts/get") {
          expect(exchange.headers.get("mcp-name")).toBe(body.params.name);
        }
        if (body.method === "resources/read") expect(exchange.headers.get("mcp-name")).toBe(body.params.uri);
        expect(exchange.status).toBe(200);
        expect(exchange.responseHeaders?.has("mcp-session-id")).toBe(false);
      }
      // The elicitation came back as an input_required result: two tools/call POSTs, the second
      // carrying the answer and the sealed requestState; no server-to-client request on any stream.
      const calls = exchanges.filter((e) => methodOf(e) === "tools/call");
      expect(calls).toHaveLength(2);
      expect(calls[1]!.body).toMatchObject({
        params: { inputResponses: { "elicit-0": { action: "accept", content: { city: "Kyoto" } } } },
      });
      expect(typeof (calls[1]!.body as { params: { requestState?: unknown } }).params.requestState).toBe(
        "string",
      );
      const serverRequests = exchanges
        .flatMap((e) => sseMessages(e.sse))
        .filter((m) => "method" in m && "id" in m);
      expect(serverRequests).toEqual([]);
      expect(sseMessages(calls[0]!.sse).at(-1)).toMatchObject({ result: { resultType: "input_required" } });
    });
  }
});
