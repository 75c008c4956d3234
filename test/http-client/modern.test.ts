import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { McpServer, SdkError } from "mcpkit";
import { createStreamableHttpClientTransport, encodeHeaderValue } from "mcpkit/http";
import { deferred, newClient, recordingFetch, serveMcp, waitFor } from "./helpers.js";

/* The mcpkit Client over Streamable HTTP against an mcpkit server in auto mode: 2026-07-28. */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const REGION_INPUT = {
  type: "object",
  properties: {
    region: { type: "string", "x-mcp-header": "Region" },
    days: { type: "integer", "x-mcp-header": "Days" },
    verbose: { type: "boolean", "x-mcp-header": "Verbose" },
    note: { type: "string" },
  },
  required: ["region"],
} as const;

function modernServer(onSlowAbort?: () => void) {
  const mcp = new McpServer({ name: "modern-test", version: "1.0.0" });
  mcp.tool(
    "weather",
    { input: REGION_INPUT },
    (args) => `weather in ${String((args as { region: string }).region)}`,
  );
  mcp.tool("echo", { input: z.object({ text: z.string() }) }, ({ text }) => text);
  mcp.tool("slow", async (_args, ctx) => {
    await new Promise<void>((resolve) =>
      ctx.signal.addEventListener("abort", () => resolve(), { once: true }),
    );
    onSlowAbort?.();
    return "aborted";
  });
  mcp.prompt("greet", { args: z.object({ name: z.string() }) }, ({ name }) => `Hello, ${name}!`);
  mcp.resource("file:///readme.txt", () => "Read me.");
  return mcp;
}

async function connectModern(mcp: McpServer) {
  const server = await serveMcp(mcp);
  const recorder = recordingFetch();
  const transport = createStreamableHttpClientTransport(server.url, { fetch: recorder.fetch });
  const { client, errors } = newClient();
  cleanups.push(server.close, () => client.close());
  await client.connect(transport);
  return { client, errors, transport, recorder };
}

describe("Streamable HTTP client, 2026-07-28", { timeout: 5_000 }, () => {
  it("negotiates modern with server/discover and sends the routing headers on every POST", async () => {
    const { client, transport, recorder } = await connectModern(modernServer());
    expect(client.era).toBe("modern");
    expect(transport.protocolVersion).toBe("2026-07-28");
    expect(transport.sessionId).toBeUndefined();

    await client.listTools();
    expect(await client.callTool({ name: "echo", arguments: { text: "hi" } })).toMatchObject({
      content: [{ type: "text", text: "hi" }],
    });
    expect(await client.getPrompt({ name: "greet", arguments: { name: "Ada" } })).toMatchObject({
      messages: [{ role: "user", content: { type: "text", text: "Hello, Ada!" } }],
    });
    expect(await client.readResource({ uri: "file:///readme.txt" })).toMatchObject({
      contents: [{ uri: "file:///readme.txt", text: "Read me." }],
    });

    for (const request of recorder.seen) {
      expect(request.method).toBe("POST");
      expect(request.headers.get("accept")).toBe("application/json, text/event-stream");
      expect(request.headers.get("content-type")).toBe("application/json");
      expect(request.headers.get("mcp-protocol-version")).toBe("2026-07-28");
      expect(request.headers.get("mcp-method")).toBe(request.body?.method);
      expect(request.headers.has("mcp-session-id")).toBe(false);
    }
    expect(recorder.posts("server/discover")).toHaveLength(1);
    expect(recorder.posts("initialize")).toHaveLength(0);
    expect(recorder.posts("tools/call")[0]?.headers.get("mcp-name")).toBe("echo");
    expect(recorder.posts("prompts/get")[0]?.headers.get("mcp-name")).toBe("greet");
    expect(recorder.posts("resources/read")[0]?.headers.get("mcp-name")).toBe("file:///readme.txt");
    expect(recorder.posts("tools/list")[0]?.headers.has("mcp-name")).toBe(false);
  });

  it("mirrors x-mcp-header arguments into Mcp-Param-* headers, base64-encoding unsafe values", async () => {
    const { client, recorder } = await connectModern(modernServer());
    await client.listTools(); // teaches the transport the tool's header mappings
    const call = async (args: Record<string, unknown>) => {
      const result = await client.callTool({ name: "weather", arguments: args });
      expect(result.isError).toBeFalsy();
      return recorder.posts("tools/call").at(-1)!.headers;
    };

    const plain = await call({ region: "us-west1", days: 3, verbose: true, note: "not mirrored" });
    expect(plain.get("mcp-param-region")).toBe("us-west1");
    expect(plain.get("mcp-param-days")).toBe("3");
    expect(plain.get("mcp-param-verbose")).toBe("true");
    expect([...plain.keys()].filter((name) => name.startsWith("mcp-param-"))).toHaveLength(3);

    const unicode = await call({ region: "Zürich" });
    expect(unicode.get("mcp-param-region")).toBe(`=?base64?${btoa("Z\u00c3\u00bcrich")}?=`);
    expect(unicode.has("mcp-param-days")).toBe(false); // absent arguments send no header

    expect((await call({ region: " padded " })).get("mcp-param-region")).toBe("=?base64?IHBhZGRlZCA=?=");
    const lookalike = await call({ region: "=?base64?abc?=" });
    expect(lookalike.get("mcp-param-region")).toBe(encodeHeaderValue("=?base64?abc?="));
    expect(lookalike.get("mcp-param-region")).not.toBe("=?base64?abc?=");
  });

  it("re-lists tools and retries once when a call without the tool's Mcp-Param headers gets -32020", async () => {
    const { client, recorder } = await connectModern(modernServer());
    // No tools/list yet: the transport cannot know that weather mirrors region into a header.
    const result = await client.callTool({ name: "weather", arguments: { region: "eu" } });
    expect(result).toMatchObject({ content: [{ type: "text", text: "weather in eu" }] });
    const calls = recorder.posts("tools/call");
    expect(calls.map((call) => call.headers.get("mcp-param-region"))).toEqual([null, "eu"]);
    expect(recorder.posts("tools/list")).toHaveLength(1);
    expect(recorder.seen.map((request) => request.body?.method)).toEqual([
      "server/discover",
      "tools/call",
      "tools/list",
      "tools/call",
    ]);
  });

  it("retries a -32020 only once and only for tools/call: other mismatches reach the caller", async () => {
    const methods: string[] = [];
    // A proxy that rewrites Mcp-Name: no re-listing can fix that mismatch.
    const fetchWithBadName: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      methods.push(headers.get("mcp-method") ?? "");
      if (headers.has("mcp-name")) headers.set("mcp-name", "someone-else");
      return fetch(input, { ...init, headers });
    };
    const server = await serveMcp(modernServer());
    const { client } = newClient();
    cleanups.push(server.close, () => client.close());
    await client.connect(createStreamableHttpClientTransport(server.url, { fetch: fetchWithBadName }));
    methods.length = 0;
    await expect(client.getPrompt({ name: "greet", arguments: { name: "Ada" } })).rejects.toMatchObject({
      code: -32020,
    });
    expect(methods).toEqual(["prompts/get"]);
    methods.length = 0;
    await expect(client.callTool({ name: "echo", arguments: { text: "x" } })).rejects.toMatchObject({
      code: -32020,
    });
    expect(methods).toEqual(["tools/call", "tools/list", "tools/call"]);
  });

  it("drops tools whose x-mcp-header annotations are invalid, and says why", async () => {
    const mcp = modernServer();
    const bad = (name: string, properties: Record<string, unknown>) =>
      mcp.tool(name, { input: { type: "object", properties } }, () => "never listed");
    bad("spaced", { a: { type: "string", "x-mcp-header": "Bad Name" } });
    bad("not-a-string", { a: { type: "string", "x-mcp-header": 42 } });
    bad("duplicate", {
      a: { type: "string", "x-mcp-header": "Region" },
      b: { type: "string", "x-mcp-header": "region" },
    });
    bad("on-object", { a: { type: "object", "x-mcp-header": "Thing" } });
    bad("on-number", { a: { type: "number", "x-mcp-header": "Ratio" } });
    bad("under-items", { a: { type: "array", items: { type: "string", "x-mcp-header": "Item" } } });
    const { client, errors } = await connectModern(mcp);

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["echo", "slow", "weather"]);
    const dropped = errors.map((error) => /Dropped tool "([^"]+)"/.exec(error.message)?.[1]);
    expect(dropped.sort()).toEqual([
      "duplicate",
      "not-a-string",
      "on-number",
      "on-object",
      "spaced",
      "under-items",
    ]);
  });

  it("cancels by aborting the request's fetch: the server sees the stream close, no notification is sent", async () => {
    const aborted = deferred();
    const { client, recorder } = await connectModern(modernServer(() => aborted.resolve()));
    const controller = new AbortController();
    const call = client.callTool({ name: "slow" }, { signal: controller.signal });
    await waitFor(() => recorder.posts("tools/call").length === 1, "the tools/call POST");
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(SdkError);
    await aborted.promise; // the tool's ctx.signal aborted on the server
    expect(recorder.posts("notifications/cancelled")).toHaveLength(0);
    // The transport stays usable.
    expect(await client.callTool({ name: "echo", arguments: { text: "still here" } })).toMatchObject({
      content: [{ text: "still here" }],
    });
  });

  it("delivers each SSE message as it arrives, not at the end of the stream", async () => {
    const release = deferred();
    const mcp = modernServer();
    mcp.tool("stepwise", async (_args, ctx) => {
      await ctx.progress(1, 2);
      await release.promise;
      return "finished";
    });
    const { client } = await connectModern(mcp);
    const firstProgress = deferred();
    const call = client.callTool({ name: "stepwise" }, { onProgress: () => firstProgress.resolve() });
    await firstProgress.promise; // arrived while the tool (and so the stream) is still running
    release.resolve();
    expect(await call).toMatchObject({ content: [{ text: "finished" }] });
  });

  it("reads the headers option before every request (fresh credentials)", async () => {
    const server = await serveMcp(modernServer());
    const recorder = recordingFetch();
    let calls = 0;
    const transport = createStreamableHttpClientTransport(server.url, {
      fetch: recorder.fetch,
      headers: async () => ({ authorization: `Bearer token-${++calls}`, "mcp-method": "spoofed" }),
    });
    const { client } = newClient();
    cleanups.push(server.close, () => client.close());
    await client.connect(transport);
    await client.listTools();
    expect(recorder.seen.map((request) => request.headers.get("authorization"))).toEqual([
      "Bearer token-1",
      "Bearer token-2",
    ]);
    // The transport's own headers win over the caller's.
    expect(recorder.seen.map((request) => request.headers.get("mcp-method"))).toEqual([
      "server/discover",
      "tools/list",
    ]);
  });

  it("a request timeout cancels the same way", async () => {
    const aborted = deferred();
    const { client, recorder } = await connectModern(modernServer(() => aborted.resolve()));
    await expect(client.callTool({ name: "slow" }, { timeoutMs: 200 })).rejects.toMatchObject({
      code: "timeout",
    });
    await aborted.promise;
    expect(recorder.posts("notifications/cancelled")).toHaveLength(0);
  });
});
