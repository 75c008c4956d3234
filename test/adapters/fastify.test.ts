import Fastify from "fastify";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { handle } from "mcpkit/fastify";
import type { RequestExtras } from "../../src/http/index.js";
import { SSE_HEADERS, encode, stub } from "./helpers.js";
import { adapterSuite } from "./suite.js";

async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: "127.0.0.1" });
}

// Fastify parses JSON itself (capped by bodyLimit); to stream bodies, a scope skips its parsers.
adapterSuite("fastify handle(), streaming scope", async (handler, onError) => {
  const app = Fastify();
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null));
    scope.all("/mcp", handle(handler, { onError }));
  });
  const url = await listen(app);
  return { url: `${url}/mcp`, close: () => app.close() };
});

const echo = stub(async (request, extras?: RequestExtras) =>
  Response.json({
    path: new URL(request.url).pathname,
    host: new URL(request.url).host,
    body: request.body === null ? null : await request.text(),
    extras: extras ?? null,
  }),
);

describe("fastify handle()", { timeout: 3_000 }, () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("passes the JSON body Fastify parsed as parsedBody, and nothing for a GET", async () => {
    app = Fastify();
    app.all("/mcp", handle(echo));
    const url = await listen(app);
    const message = { jsonrpc: "2.0", id: 1, method: "tools/list" };
    const response = await fetch(`${url}/mcp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
    });
    expect(await response.json()).toEqual({
      path: "/mcp",
      host: new URL(url).host,
      body: null,
      extras: { parsedBody: message },
    });
    expect(await (await fetch(`${url}/mcp`)).json()).toMatchObject({ body: null, extras: null });
  });

  it("sees the full path under a prefix, and request.auth as authInfo", async () => {
    app = Fastify();
    app.decorateRequest("auth", null);
    app.addHook("onRequest", async (request) => {
      (request as { auth?: unknown }).auth = { clientId: "c1" };
    });
    await app.register(async (scope) => scope.all("/mcp/*", handle(echo)), { prefix: "/v1" });
    const url = await listen(app);
    const response = await fetch(`${url}/v1/mcp/abc?x=1`, { method: "POST", body: "{}" });
    // text/plain: Fastify parses it too, as a string.
    expect(await response.json()).toMatchObject({
      path: "/v1/mcp/abc",
      extras: { authInfo: { clientId: "c1" }, parsedBody: "{}" },
    });
  });

  it("follows Fastify's trustProxy for protocol and host", async () => {
    app = Fastify({ trustProxy: true });
    app.all("/mcp", handle(echo));
    const url = await listen(app);
    const response = await fetch(`${url}/mcp`, {
      headers: { "x-forwarded-proto": "https", "x-forwarded-host": "mcp.example.com" },
    });
    expect(await response.json()).toMatchObject({ host: "mcp.example.com" });
  });

  it("app.close() ends an open SSE stream promptly when a preClose hook closes the handler", async () => {
    const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
    const handler = stub(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start: (controller) => {
              streams.push(controller);
              controller.enqueue(encode("data: open\n\n"));
            },
          }),
          { headers: SSE_HEADERS },
        ),
      () => streams.forEach((controller) => controller.close()),
    );
    const closing = Fastify();
    closing.all("/mcp", handle(handler));
    closing.addHook("preClose", () => handler.close());
    const url = await listen(closing);
    const reader = (await fetch(`${url}/mcp`)).body!.getReader();
    await reader.read();
    const started = performance.now();
    await closing.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await reader.read()).done).toBe(true);
  });

  it("keeps headers set on the reply before the handler (e.g. by @fastify/cors)", async () => {
    app = Fastify();
    app.addHook("onRequest", async (_request, reply) => {
      reply.header("access-control-allow-origin", "*");
    });
    app.all("/mcp", handle(stub(() => new Response("ok", { headers: { "x-from-handler": "1" } }))));
    const url = await listen(app);
    const response = await fetch(`${url}/mcp`);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("x-from-handler")).toBe("1");
    expect(await response.text()).toBe("ok");
  });
});
