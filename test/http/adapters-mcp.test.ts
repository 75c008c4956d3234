import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema, LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { serve as serveHono } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { handle as handleExpress } from "mcpkit/express";
import { handle as handleFastify } from "mcpkit/fastify";
import { handle as handleHono } from "mcpkit/hono";
import { createMcpHandler } from "mcpkit/http";
import type { FetchHandler } from "mcpkit/http";
import { handle as handleNode } from "mcpkit/node";
import { mcp as echoServer } from "../../examples/echo.js";
import { createMathServer, createTestServer } from "../fixtures/http/servers.js";
import { recordingFetch, textOf, until } from "./helpers.js";

/*
 * The official 1.32.2 client through every adapter, over real sockets on 127.0.0.1: a session,
 * tools/list, and a tools/call whose log notification and elicitation request travel on the
 * POST's SSE stream (plus the standalone GET stream and DELETE).
 */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function urlOf(server: Server, path: string): URL {
  const { address, port } = server.address() as AddressInfo;
  return new URL(`http://${address}:${port}${path}`);
}

function listening(server: Server): Promise<Server> {
  return new Promise((resolve) =>
    server.listening ? resolve(server) : server.once("listening", () => resolve(server)),
  );
}

/** Closes a Node server now, open connections included. */
function closeNow(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A fresh test server and its handler; the handler and server are closed after the test. */
function testHandler(): FetchHandler {
  const { mcp } = createTestServer();
  const handler = createMcpHandler(mcp);
  closers.push(async () => {
    await handler.close();
    await mcp.close();
  });
  return handler;
}

async function connect(url: URL, name = "official-v1") {
  const recorder = recordingFetch();
  const client = new Client({ name, version: "1.32.2" }, { capabilities: { elicitation: {} } });
  const logs: string[] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
    logs.push(String(notification.params.data));
  });
  client.setRequestHandler(ElicitRequestSchema, () => ({ action: "accept", content: { city: "Madrid" } }));
  const transport = new StreamableHTTPClientTransport(url, { fetch: recorder.fetch });
  await client.connect(transport);
  closers.push(() => client.close());
  return { client, transport, logs, exchanges: recorder.exchanges };
}

/** The same conversation through any adapter. */
async function converse(url: URL): Promise<void> {
  const { client, transport, logs, exchanges } = await connect(url);
  expect(client.getServerVersion()).toEqual({ name: "http-test", version: "1.0.0" });
  expect(transport.sessionId).toMatch(/^[0-9a-f]{32}$/);
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name)).toEqual(["work", "poll", "wait_for_cancel", "fail"]);
  const result = await client.callTool({ name: "work", arguments: { steps: 1 } });
  expect(textOf(result)).toBe("done in Madrid");
  expect(logs).toEqual(["step 1"]);
  const call = exchanges.find((e) => (e.body as { method?: string } | undefined)?.method === "tools/call")!;
  expect(call.responseHeaders?.get("content-type")).toBe("text/event-stream");
  // The standalone GET stream opened (200, SSE) through the adapter as well.
  await until(() => exchanges.some((e) => e.method === "GET" && e.status !== undefined), "the GET stream");
  const get = exchanges.find((e) => e.method === "GET");
  expect(get?.status).toBe(200);
  expect(get?.responseHeaders?.get("content-type")).toBe("text/event-stream");
  await transport.terminateSession(); // DELETE: throws unless 2xx
  expect(exchanges.at(-1)).toMatchObject({ method: "DELETE", status: 200 });
}

describe("the official 1.32.2 client through each adapter", { timeout: 5_000 }, () => {
  it("node: handle() on http.createServer", async () => {
    const server = createServer(handleNode(testHandler()));
    server.listen(0, "127.0.0.1");
    closers.push(() => closeNow(server));
    await converse(urlOf(await listening(server), "/"));
  });

  it("express 5: app.all('/mcp', handle(h))", async () => {
    const app = express();
    app.all("/mcp", handleExpress(testHandler()));
    const server = app.listen(0, "127.0.0.1");
    closers.push(() => closeNow(server));
    await converse(urlOf(await listening(server), "/mcp"));
  });

  it("express 5 with express.json() in front (the parsed body is used)", async () => {
    const app = express();
    app.use(express.json());
    app.all("/mcp", handleExpress(testHandler()));
    const server = app.listen(0, "127.0.0.1");
    closers.push(() => closeNow(server));
    await converse(urlOf(await listening(server), "/mcp"));
  });

  it("fastify 5: Fastify parses JSON, a preClose hook closes the handler", async () => {
    const handler = testHandler();
    const app = Fastify();
    app.all("/mcp", handleFastify(handler));
    app.addHook("preClose", () => handler.close());
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    closers.push(() => app.close());
    await converse(new URL(`${base}/mcp`));
  });

  it("fastify 5: a scope without body parsers (the handler streams bodies)", async () => {
    const handler = testHandler();
    const app = Fastify();
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser("*", (_request, _payload, done) => done(null));
      scope.all("/mcp", handleFastify(handler));
    });
    app.addHook("preClose", () => handler.close());
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    closers.push(() => app.close());
    await converse(new URL(`${base}/mcp`));
  });

  it("fastify 5: app.close() returns promptly with a client's GET stream open, thanks to preClose", async () => {
    const handler = testHandler();
    const app = Fastify();
    app.all("/mcp", handleFastify(handler));
    app.addHook("preClose", () => handler.close());
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const { exchanges } = await connect(new URL(`${base}/mcp`));
    await until(() => exchanges.some((e) => e.method === "GET" && e.status === 200), "the GET stream");
    const started = performance.now();
    await app.close();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("hono 4 on @hono/node-server", async () => {
    const app = new Hono();
    app.all("/mcp", handleHono(testHandler()));
    const server = serveHono({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
    closers.push(() => closeNow(server));
    await converse(urlOf(await listening(server), "/mcp"));
  });
});

describe("two MCP servers and a health route in one Express app", { timeout: 5_000 }, () => {
  it("/echo and /math each serve their own tools to their own client; /health answers beside them", async () => {
    const echo = createMcpHandler(echoServer);
    const mathServer = createMathServer();
    const math = createMcpHandler(mathServer);
    closers.push(async () => {
      await Promise.all([echo.close(), math.close()]);
      await mathServer.close();
    });
    const app = express();
    app.get("/health", (_req, res) => {
      res.json({ ok: true });
    });
    app.all("/echo", handleExpress(echo));
    app.all("/math", handleExpress(math));
    const server = app.listen(0, "127.0.0.1");
    closers.push(() => closeNow(server));
    await listening(server);

    const echoClient = await connect(urlOf(server, "/echo"), "echo-client");
    const mathClient = await connect(urlOf(server, "/math"), "math-client");
    expect(echoClient.client.getServerVersion()).toEqual({ name: "Echo", version: "1.0.0" });
    expect(mathClient.client.getServerVersion()).toEqual({ name: "Math", version: "1.0.0" });
    expect((await echoClient.client.listTools()).tools.map((tool) => tool.name)).toEqual(["echo_tool"]);
    expect((await mathClient.client.listTools()).tools.map((tool) => tool.name)).toEqual(["add"]);
    const echoed = await echoClient.client.callTool({ name: "echo_tool", arguments: { message: "hi" } });
    expect(textOf(echoed)).toBe("Tool echo: hi");
    const sum = await mathClient.client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
    expect(textOf(sum)).toBe("5");
    // Neither sees the other's tools, nor its sessions.
    await expect(echoClient.client.callTool({ name: "add", arguments: { a: 1, b: 1 } })).rejects.toThrow(
      /Unknown tool: add/,
    );
    const foreign = await fetch(urlOf(server, "/math"), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-session-id": echoClient.transport.sessionId!,
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(foreign.status).toBe(404);

    const health = await fetch(urlOf(server, "/health"));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
  });
});
