import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { McpServer as OfficialServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createEraMemory } from "mcpkit";
import {
  createHttpClientTransport,
  createSseClientTransport,
  createStreamableHttpClientTransport,
} from "mcpkit/http";
import { deferred, newClient, rawServer, recordingFetch } from "./helpers.js";

/* The mcpkit Client over its HTTP transports against servers of the official SDK 1.32.2 (legacy only). */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function officialServer() {
  const server = new OfficialServer({ name: "official-v1", version: "1.32.2" });
  server.registerTool(
    "add",
    { description: "Add two numbers", inputSchema: { a: z.number(), b: z.number() } },
    ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
  );
  return server;
}

/** The official stateful Streamable HTTP pattern: one transport per session, routed by Mcp-Session-Id. */
async function officialStreamable() {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const servers: OfficialServer[] = [];
  const closed: string[] = [];
  const http = await rawServer((req, res, body) => {
    void route(req, res, body);
  });
  async function route(req: IncomingMessage, res: ServerResponse, body: string) {
    const parsed: unknown = body === "" ? undefined : JSON.parse(body);
    const id = req.headers["mcp-session-id"] as string | undefined;
    const existing = id === undefined ? undefined : sessions.get(id);
    if (existing) return existing.handleRequest(req, res, parsed);
    if (req.method === "POST" && id === undefined && isInitializeRequest(parsed)) {
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => void sessions.set(sessionId, transport),
      });
      transport.onclose = () => {
        if (transport.sessionId) closed.push(transport.sessionId);
      };
      const server = officialServer();
      servers.push(server);
      await server.connect(transport);
      return transport.handleRequest(req, res, parsed);
    }
    res.writeHead(id === undefined ? 400 : 404, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        jsonrpc: "2.0",
        error: { code: -32000, message: "Bad Request: No valid session ID provided" },
        id: null,
      }),
    );
  }
  cleanups.push(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await http.close();
  });
  return { url: http.url, sessions, servers, closed };
}

/** The official HTTP+SSE pattern: GET /sse opens a stream, POST /messages?sessionId=... delivers. */
async function officialSse() {
  const transports = new Map<string, SSEServerTransport>();
  const servers: OfficialServer[] = [];
  const http = await rawServer((req, res, body) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/sse") {
      const transport = new SSEServerTransport("/messages", res);
      transports.set(transport.sessionId, transport);
      const server = officialServer();
      servers.push(server);
      void server.connect(transport);
      return;
    }
    const transport = transports.get(url.searchParams.get("sessionId") ?? "");
    if (req.method === "POST" && url.pathname === "/messages" && transport) {
      void transport.handlePostMessage(req, res, JSON.parse(body));
      return;
    }
    res.writeHead(404).end();
  });
  cleanups.push(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await http.close();
  });
  return { sseUrl: new URL("/sse", http.url), servers };
}

describe("official 1.32.2 servers", { timeout: 5_000 }, () => {
  it("Streamable HTTP, stateful: the probe falls back to initialize, then a full session", async () => {
    const official = await officialStreamable();
    const recorder = recordingFetch();
    const transport = createStreamableHttpClientTransport(official.url, { fetch: recorder.fetch });
    const { client } = newClient();
    cleanups.push(() => client.close());
    await client.connect(transport);

    expect(client.era).toBe("legacy");
    expect(client.protocolVersion).toBe("2025-11-25");
    expect(client.serverInfo).toEqual({ name: "official-v1", version: "1.32.2" });
    expect(recorder.posts("server/discover")).toHaveLength(1);
    expect(transport.sessionId).toBeDefined();
    expect([...official.sessions.keys()]).toEqual([transport.sessionId]);

    expect(await client.callTool({ name: "add", arguments: { a: 2, b: 40 } })).toMatchObject({
      content: [{ type: "text", text: "42" }],
    });
    expect(recorder.posts("tools/call")[0]?.headers.get("mcp-protocol-version")).toBe("2025-11-25");

    // The standalone GET stream carries list_changed when the official server adds a tool.
    const changed = deferred();
    client.on("notifications/tools/list_changed", () => changed.resolve());
    const get = () => recorder.seen.find((request) => request.method === "GET");
    while (!get()) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the official transport register the stream
    official.servers[0]!.registerTool("later", {}, () => ({ content: [] }));
    await changed.promise;

    await client.close();
    expect(recorder.seen.some((request) => request.method === "DELETE")).toBe(true);
    expect(official.closed).toEqual([transport.sessionId]);
  });

  it("HTTP+SSE (SSEServerTransport): endpoint event, POSTs, the probe falls back on the stream", async () => {
    const official = await officialSse();
    const transport = createSseClientTransport(official.sseUrl);
    const { client, errors } = newClient();
    cleanups.push(() => client.close());
    await client.connect(transport);
    expect(transport.endpoint?.pathname).toBe("/messages");
    expect(transport.endpoint?.searchParams.get("sessionId")).toBeTruthy();
    expect(client.era).toBe("legacy");
    expect(await client.callTool({ name: "add", arguments: { a: 1, b: 2 } })).toMatchObject({
      content: [{ type: "text", text: "3" }],
    });
    expect(errors).toEqual([]);
  });

  it("createHttpClientTransport falls back to HTTP+SSE when initialize is refused, then goes there directly", async () => {
    const official = await officialSse();
    const eraMemory = createEraMemory();
    const first = recordingFetch();
    const transport = createHttpClientTransport(official.sseUrl, { fetch: first.fetch });
    const { client, errors } = newClient({ eraMemory });
    cleanups.push(() => client.close());
    expect(transport.kind).toBe("streamable-http");
    await client.connect(transport);
    expect(transport.kind).toBe("sse");
    expect(client.era).toBe("legacy");
    // The probe and initialize were POSTed to /sse (404), then the stream opened and initialize went again.
    expect(first.posts("server/discover").map((post) => post.method)).toEqual(["POST"]);
    expect(first.posts("initialize")).toHaveLength(2);
    expect(first.seen.filter((request) => request.method === "GET")).toHaveLength(1);
    expect(await client.callTool({ name: "add", arguments: { a: 2, b: 5 } })).toMatchObject({
      content: [{ type: "text", text: "7" }],
    });
    expect(errors).toEqual([]);

    // A second connect remembers both facts: no probe, no Streamable HTTP attempt.
    const second = recordingFetch();
    const again = createHttpClientTransport(official.sseUrl, { fetch: second.fetch });
    const { client: client2 } = newClient({ eraMemory });
    cleanups.push(() => client2.close());
    expect(again.kind).toBe("sse");
    await client2.connect(again);
    expect(second.posts("server/discover")).toEqual([]);
    expect(second.posts("initialize")).toHaveLength(1);
    expect(official.servers).toHaveLength(2);
  });

  it("createHttpClientTransport stays on Streamable HTTP when the server speaks it", async () => {
    const official = await officialStreamable();
    const transport = createHttpClientTransport(official.url);
    const { client, errors } = newClient({ eraMemory: false });
    cleanups.push(() => client.close());
    await client.connect(transport);
    expect(transport.kind).toBe("streamable-http");
    expect(client.era).toBe("legacy");
    expect(official.sessions.size).toBe(1);
    expect(await client.callTool({ name: "add", arguments: { a: 1, b: 1 } })).toMatchObject({
      content: [{ type: "text", text: "2" }],
    });
    expect(errors).toEqual([]);
  });
});
