import type { Server } from "node:http";
import express from "express";
import type { Express } from "express";
import { afterEach, describe, expect, it } from "vitest";
import { handle } from "mcpkit/express";
import type { RequestExtras } from "../../src/http/index.js";
import { baseUrl, closeNow, stub } from "./helpers.js";
import { adapterSuite } from "./suite.js";

async function listen(app: Express): Promise<Server> {
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  return server;
}

adapterSuite("express handle()", async (handler, onError) => {
  const app = express();
  app.all("/mcp", handle(handler, { onError }));
  const server = await listen(app);
  return { url: `${baseUrl(server)}/mcp`, close: () => closeNow(server) };
});

/** A stub answering with its path, whether the Request had a body, and the extras it got. */
const echo = (name: string) =>
  stub(async (request, extras?: RequestExtras) =>
    Response.json({
      name,
      path: new URL(request.url).pathname,
      search: new URL(request.url).search,
      host: new URL(request.url).host,
      body: request.body === null ? null : await request.text(),
      extras: extras ?? null,
    }),
  );

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
};

describe("express handle()", { timeout: 3_000 }, () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await closeNow(server);
    server = undefined;
  });

  it("mounts several handlers in one app, each seeing the real path (app.all and app.use)", async () => {
    const app = express();
    app.all("/echo", handle(echo("echo")));
    app.all("/math", handle(echo("math")));
    app.use("/mcp", handle(echo("mcp")));
    server = await listen(app);
    const url = baseUrl(server);
    expect(await post(`${url}/echo`, {})).toMatchObject({ name: "echo", path: "/echo" });
    expect(await post(`${url}/math`, {})).toMatchObject({ name: "math", path: "/math" });
    expect(await post(`${url}/mcp`, {})).toMatchObject({ name: "mcp", path: "/mcp" });
    expect(await post(`${url}/mcp/sessions/1?x=2`, {})).toMatchObject({
      name: "mcp",
      path: "/mcp/sessions/1",
      search: "?x=2",
    });
    expect((await fetch(`${url}/other`)).status).toBe(404);
  });

  it("without express.json(), the handler streams the body itself", async () => {
    const app = express();
    app.all("/mcp", handle(echo("mcp")));
    server = await listen(app);
    expect(await post(`${baseUrl(server)}/mcp`, { jsonrpc: "2.0", id: 1, method: "ping" })).toMatchObject({
      body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
      extras: null,
    });
  });

  it("with express.json(), the parsed body is passed as parsedBody and the stream is not read", async () => {
    const app = express();
    app.use(express.json());
    app.all("/mcp", handle(echo("mcp")));
    server = await listen(app);
    const message = { jsonrpc: "2.0", id: 1, method: "ping" };
    expect(await post(`${baseUrl(server)}/mcp`, message)).toMatchObject({
      body: null,
      extras: { parsedBody: message },
    });
    // A GET has no body to parse: nothing is passed.
    expect(await (await fetch(`${baseUrl(server)}/mcp`)).json()).toMatchObject({ body: null, extras: null });
  });

  it("passes req.auth set by an auth middleware as authInfo", async () => {
    const app = express();
    app.use((req, _res, next) => {
      (req as { auth?: unknown }).auth = { token: req.get("authorization"), scopes: ["mcp"] };
      next();
    });
    app.use(express.json());
    app.all("/mcp", handle(echo("mcp")));
    server = await listen(app);
    expect(await post(`${baseUrl(server)}/mcp`, { a: 1 }, { authorization: "Bearer t" })).toMatchObject({
      extras: { authInfo: { token: "Bearer t", scopes: ["mcp"] }, parsedBody: { a: 1 } },
    });
  });

  it("follows Express's trust proxy setting for protocol and host", async () => {
    const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "mcp.example.com" };
    const app = express();
    app.all("/mcp", handle(echo("mcp")));
    server = await listen(app);
    const untrusted = await post(`${baseUrl(server)}/mcp`, {}, forwarded);
    expect(untrusted.host).toBe(new URL(baseUrl(server)).host);
    app.set("trust proxy", "loopback");
    expect(await post(`${baseUrl(server)}/mcp`, {}, forwarded)).toMatchObject({ host: "mcp.example.com" });
  });

  it("keeps headers and cookies an earlier middleware set (e.g. CORS, a session)", async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.setHeader("access-control-allow-origin", "*");
      res.cookie("session", "s1");
      next();
    });
    const headers = new Headers({ "x-from-handler": "1" });
    headers.append("set-cookie", "a=1");
    headers.append("set-cookie", "b=2");
    app.all("/mcp", handle(stub(() => new Response("ok", { headers }))));
    server = await listen(app);
    const response = await fetch(`${baseUrl(server)}/mcp`);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("x-from-handler")).toBe("1");
    expect(response.headers.getSetCookie()).toEqual(["session=s1; Path=/", "a=1", "b=2"]);
  });
});
