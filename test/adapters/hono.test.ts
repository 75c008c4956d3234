import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { handle } from "mcpkit/hono";
import type { RequestExtras } from "../../src/http/index.js";
import { baseUrl, closeNow, stub } from "./helpers.js";
import { adapterSuite } from "./suite.js";

async function listen(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<Server> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", resolve)));
  return server;
}

adapterSuite("hono handle() on @hono/node-server", async (handler, onError) => {
  const app = new Hono();
  app.all("/mcp", handle(handler, { onError }));
  const server = await listen(app);
  return { url: `${baseUrl(server)}/mcp`, close: () => closeNow(server) };
});

const echo = stub(async (request, extras?: RequestExtras) =>
  Response.json({
    path: new URL(request.url).pathname,
    body: request.bodyUsed || request.body === null ? null : await request.text(),
    extras: extras ?? null,
  }),
);

describe("hono handle()", { timeout: 3_000 }, () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await closeNow(server);
    server = undefined;
  });

  it("passes the request through as is: full path under app.route, body unread", async () => {
    const api = new Hono();
    api.all("/mcp/*", handle(echo));
    const app = new Hono();
    app.route("/v1", api);
    server = await listen(app);
    const response = await fetch(`${baseUrl(server)}/v1/mcp/x`, { method: "POST", body: '{"a":1}' });
    expect(await response.json()).toEqual({ path: "/v1/mcp/x", body: '{"a":1}', extras: null });
  });

  it("passes the context variable named by authInfoKey as authInfo", async () => {
    const app = new Hono<{ Variables: { auth: { sub: string } } }>();
    app.use(async (c, next) => {
      c.set("auth", { sub: "ada" });
      await next();
    });
    app.all("/mcp", handle(echo, { authInfoKey: "auth" }));
    server = await listen(app);
    expect(await (await fetch(`${baseUrl(server)}/mcp`)).json()).toMatchObject({
      extras: { authInfo: { sub: "ada" } },
    });
  });

  it("passes a body a middleware already read as parsedBody", async () => {
    const app = new Hono();
    app.use(async (c, next) => {
      if (c.req.method === "POST") await c.req.json();
      await next();
    });
    app.all("/mcp", handle(echo));
    server = await listen(app);
    const message = { jsonrpc: "2.0", id: 7, method: "ping" };
    const response = await fetch(`${baseUrl(server)}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
    });
    expect(await response.json()).toEqual({ path: "/mcp", body: null, extras: { parsedBody: message } });
  });

  it("runs without a server: app.request() goes straight through the handler", async () => {
    const app = new Hono();
    app.all("/mcp", handle(echo));
    const response = await app.request("/mcp", { method: "POST", body: "hi" });
    expect(await response.json()).toEqual({ path: "/mcp", body: "hi", extras: null });
  });
});
