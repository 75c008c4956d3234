import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { SdkError } from "mcpkit";
import { createStreamableHttpClientTransport } from "mcpkit/http";
import type { ReconnectOptions } from "mcpkit/http";
import { deferred, newClient, rawServer, recordingFetch, sseEvent } from "./helpers.js";

/* Resumption and lost streams against raw servers that drop streams on purpose. */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface RawMessage {
  id?: number;
  method: string;
  params?: Record<string, unknown>;
}

const SSE = { "content-type": "text/event-stream", "cache-control": "no-cache" };
const json = (value: unknown) => JSON.stringify(value);
const notice = (text: string) => json({ jsonrpc: "2.0", method: "notifications/test", params: { text } });
const progress = (token: unknown, value: number) =>
  json({
    jsonrpc: "2.0",
    method: "notifications/progress",
    params: { progressToken: token, progress: value },
  });
const result = (id: number | undefined, value: Record<string, unknown>) =>
  json({ jsonrpc: "2.0", id, result: value });

/** A legacy server by hand: initialize (session "raw-session"), 202 for notifications, the rest delegated. */
async function rawLegacy(handle: {
  call?: (res: ServerResponse, message: RawMessage) => void;
  get?: (req: IncomingMessage, res: ServerResponse) => void;
}) {
  const server = await rawServer((req, res, body) => {
    if (req.method === "GET") return handle.get ? handle.get(req, res) : void res.writeHead(405).end();
    if (req.method === "DELETE") return void res.writeHead(200).end();
    const message = JSON.parse(body) as RawMessage;
    if (message.method === "initialize") {
      const info = {
        protocolVersion: "2025-11-25",
        capabilities: {},
        serverInfo: { name: "raw", version: "1" },
      };
      res.writeHead(200, { "content-type": "application/json", "mcp-session-id": "raw-session" });
      return void res.end(result(message.id, info));
    }
    if (message.id === undefined) return void res.writeHead(202).end();
    if (handle.call) return handle.call(res, message);
    res.writeHead(200, { "content-type": "application/json" }).end(result(message.id, {}));
  });
  cleanups.push(server.close);
  return server;
}

async function connect(url: URL, reconnect?: ReconnectOptions) {
  const recorder = recordingFetch();
  const transport = createStreamableHttpClientTransport(url, {
    fetch: recorder.fetch,
    ...(reconnect ? { reconnect } : {}),
  });
  const { client, errors } = newClient({ mode: "legacy" });
  cleanups.push(() => client.close());
  await client.connect(transport);
  return { client, errors, recorder };
}

const tokenOf = (message: RawMessage) =>
  (message.params?._meta as { progressToken?: unknown } | undefined)?.progressToken;

describe("resumption (legacy Streamable HTTP)", { timeout: 5_000 }, () => {
  it("resumes the standalone GET stream with Last-Event-ID after the server's retry", async () => {
    const lastEventIds: Array<string | undefined> = [];
    const server = await rawLegacy({
      get(req, res) {
        lastEventIds.push(req.headers["last-event-id"] as string | undefined);
        res.writeHead(200, SSE);
        if (lastEventIds.length === 1) {
          sseEvent(res, { id: "g1", retry: 150, event: "message", data: notice("first") });
          res.end(); // the server lets go; the client must come back
        } else {
          sseEvent(res, { id: "g2", event: "message", data: notice("second") });
        }
      },
    });
    const { client, recorder } = await connect(server.url);
    const texts: string[] = [];
    const both = deferred();
    client.on("notifications/test", (params) => {
      texts.push(String(params?.text));
      if (texts.length === 2) both.resolve();
    });
    await both.promise;
    expect(texts).toEqual(["first", "second"]);
    expect(lastEventIds).toEqual([undefined, "g1"]);
    const gets = recorder.seen.filter((request) => request.method === "GET");
    expect(gets[1]?.headers.get("mcp-session-id")).toBe("raw-session");
    expect(gets[1]!.at - gets[0]!.at).toBeGreaterThanOrEqual(140);
  });

  it("follows one POST stream across several drops, resuming from the latest event id each time", async () => {
    const resumedFrom: Array<string | undefined> = [];
    let call: RawMessage | undefined;
    const server = await rawLegacy({
      call(res, message) {
        call = message;
        res.writeHead(200, SSE);
        sseEvent(res, { id: "s-1", retry: 20, data: "" }); // priming event
        res.end();
      },
      get(req, res) {
        const from = req.headers["last-event-id"] as string | undefined;
        if (from === undefined) return void res.writeHead(405).end();
        resumedFrom.push(from);
        res.writeHead(200, SSE);
        if (from === "s-1") {
          sseEvent(res, { id: "s-2", event: "message", data: progress(tokenOf(call!), 1) });
          return void res.end();
        }
        sseEvent(res, { id: "s-3", event: "message", data: result(call!.id, { content: [], done: true }) });
        res.end();
      },
    });
    const { client, errors } = await connect(server.url);
    const seen: number[] = [];
    const answer = await client.request(
      "tools/call",
      { name: "x" },
      { onProgress: (p) => seen.push(p.progress) },
    );
    expect(answer).toMatchObject({ done: true });
    expect(seen).toEqual([1]);
    expect(resumedFrom).toEqual(["s-1", "s-2"]);
    expect(errors).toEqual([]);
  });

  it("fails the request when a stream without event ids ends before its response", async () => {
    const server = await rawLegacy({
      call(res, message) {
        res.writeHead(200, SSE);
        sseEvent(res, { event: "message", data: progress(tokenOf(message), 1) });
        res.end();
      },
    });
    const { client, errors } = await connect(server.url);
    const failure = await client.request("tools/call", { name: "x" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SdkError);
    expect((failure as SdkError).code).toBe("transport");
    expect(errors.some((error) => /no event id to resume from/.test(error.message))).toBe(true);
  });

  it("gives up after maxRetries failed resumption attempts, backing off", async () => {
    const attempts: number[] = [];
    const server = await rawLegacy({
      call(res) {
        res.writeHead(200, SSE);
        sseEvent(res, { id: "p-1", retry: 20, data: "" });
        res.end();
      },
      get(req, res) {
        if (req.headers["last-event-id"] === undefined) return void res.writeHead(405).end();
        attempts.push(Date.now());
        res.writeHead(503).end("busy");
      },
    });
    const { client, errors } = await connect(server.url, { maxRetries: 3 });
    const failure = await client.request("tools/call", { name: "x" }).catch((error: unknown) => error);
    expect((failure as SdkError).code).toBe("transport");
    expect(attempts).toHaveLength(3);
    // 20 ms, then 40 ms, then 80 ms: the waits double.
    expect(attempts[2]! - attempts[1]!).toBeGreaterThan(attempts[1]! - attempts[0]!);
    expect(errors.some((error) => /gave up after 3 reconnection attempts/.test(error.message))).toBe(true);
  });
});

describe("lost streams in 2026-07-28", { timeout: 5_000 }, () => {
  it("fails the request: modern streams cannot be resumed (the caller re-sends)", async () => {
    let gets = 0;
    const server = await rawServer((req, res, body) => {
      if (req.method !== "POST") return void (gets++, res.writeHead(405).end());
      const message = JSON.parse(body) as RawMessage;
      if (message.method === "server/discover") {
        const discovered = {
          supportedVersions: ["2026-07-28"],
          capabilities: { tools: {} },
          resultType: "complete",
        };
        return void res
          .writeHead(200, { "content-type": "application/json" })
          .end(result(message.id, discovered));
      }
      res.writeHead(200, SSE);
      sseEvent(res, { id: "m-1", retry: 10, event: "message", data: notice("working") });
      res.end();
    });
    cleanups.push(server.close);
    const recorder = recordingFetch();
    const transport = createStreamableHttpClientTransport(server.url, { fetch: recorder.fetch });
    const { client, errors } = newClient();
    cleanups.push(() => client.close());
    await client.connect(transport);
    expect(client.era).toBe("modern");
    const failure = await client.request("tools/call", { name: "x" }).catch((error: unknown) => error);
    expect((failure as SdkError).code).toBe("transport");
    expect(errors.some((error) => /cannot be resumed/.test(error.message))).toBe(true);
    expect(gets).toBe(0); // no GET at all in 2026-07-28
  });
});
