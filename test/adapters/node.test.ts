import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { Agent, request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { handle, serve, toRequest, writeResponse } from "mcpkit/node";
import { SSE_HEADERS, baseUrl, closeNow, deferred, encode, rawRequest, stub, within } from "./helpers.js";
import { adapterSuite } from "./suite.js";

/** A Node server on 127.0.0.1, port 0, with a `handle()` listener. */
async function listen(listener: ReturnType<typeof handle>): Promise<Server> {
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

adapterSuite("node handle()", async (handler, onError) => {
  const server = await listen(handle(handler, { onError }));
  return { url: `${baseUrl(server)}/mcp`, close: () => closeNow(server) };
});

adapterSuite("node serve()", async (handler, onError) => {
  const served = await serve(handler, { path: "/mcp", onError });
  return { url: served.url.href, close: () => served.close() };
});

/** A server answering each request with what `toRequest` made of it. */
async function inspect(trustProxy?: boolean) {
  const server = createServer((req, res) => {
    const request = toRequest(req, trustProxy === undefined ? {} : { trustProxy });
    void writeResponse(res, Response.json({ url: request.url, body: request.body !== null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    get: async (path: string, headers: Record<string, string>) =>
      JSON.parse((await rawRequest(`${baseUrl(server)}${path}`, { headers })).body) as { url: string },
    close: () => closeNow(server),
  };
}

describe("toRequest", { timeout: 3_000 }, () => {
  const forwarded = {
    host: "internal:8080",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "mcp.example.com",
  };

  it("builds the URL from Host and the request target, keeping the query", async () => {
    const server = await inspect();
    expect(await server.get("/mcp?x=1", { host: "api.example.com:9000" })).toMatchObject({
      url: "http://api.example.com:9000/mcp?x=1",
    });
    // A target starting with "//" stays a path on this host.
    expect(await server.get("//evil.example/x", { host: "api.example.com" })).toMatchObject({
      url: "http://api.example.com//evil.example/x",
    });
    await server.close();
  });

  it("ignores X-Forwarded-* unless trustProxy is set", async () => {
    const untrusted = await inspect();
    expect((await untrusted.get("/mcp", forwarded)).url).toBe("http://internal:8080/mcp");
    await untrusted.close();
    const trusted = await inspect(true);
    expect((await trusted.get("/mcp", forwarded)).url).toBe("https://mcp.example.com/mcp");
    expect((await trusted.get("/mcp", { ...forwarded, "x-forwarded-proto": "https, http" })).url).toBe(
      "https://mcp.example.com/mcp",
    );
    await trusted.close();
  });

  it("skips HTTP/2 pseudo headers, falls back to :authority, then to localhost", () => {
    const h2 = {
      method: "GET",
      url: "/mcp",
      rawHeaders: [
        ":method",
        "GET",
        ":authority",
        "h2.example",
        ":path",
        "/mcp",
        "accept",
        "a",
        "Accept",
        "b",
      ],
      headers: { ":authority": "h2.example" },
      httpVersionMajor: 2,
      readableEnded: false,
      socket: { encrypted: true },
    } as unknown as IncomingMessage;
    const request = toRequest(h2);
    expect(request.url).toBe("https://h2.example/mcp");
    expect([...request.headers]).toEqual([["accept", "a, b"]]);
    expect(request.body).toBeNull();
    const bare = { ...h2, rawHeaders: [], headers: {}, socket: {} } as unknown as IncomingMessage;
    expect(toRequest(bare).url).toBe("http://localhost/mcp");
  });

  it("gives a body only to requests that have one", async () => {
    const server = createServer((req, res) => {
      void writeResponse(res, Response.json({ body: toRequest(req).body !== null }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = baseUrl(server);
    const post = (headers: Record<string, string>, body?: string) =>
      rawRequest(url, { method: "POST", headers, ...(body === undefined ? {} : { body }) }).then(
        (r) => (JSON.parse(r.body) as { body: boolean }).body,
      );
    expect(await post({ "content-length": "2" }, "{}")).toBe(true);
    expect(await post({ "content-length": "0" })).toBe(false);
    expect(await post({ "transfer-encoding": "chunked" }, "{}")).toBe(true);
    expect(JSON.parse((await rawRequest(url)).body)).toEqual({ body: false });
    await closeNow(server);
  });
});

describe("node handle()", { timeout: 3_000 }, () => {
  it("passes extras from the options and answers a malformed Host with 400", async () => {
    const handler = stub((_request, extras) => Response.json(extras ?? null));
    const server = await listen(
      handle(handler, { extras: (req) => ({ authInfo: { user: req.headers["x-user"] } }) }),
    );
    const ok = await rawRequest(baseUrl(server), { headers: { "x-user": "ada" } });
    expect(JSON.parse(ok.body)).toEqual({ authInfo: { user: "ada" } });
    const bad = await rawRequest(baseUrl(server), { headers: { host: "a b" } });
    expect(bad.status).toBe(400);
    await closeNow(server);
  });

  it("writes a body the client reads slowly with backpressure, pulling only what the socket takes", async () => {
    const CHUNK = 64 * 1024;
    const TOTAL = 512; // 32 MiB
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === TOTAL) return controller.close();
        pulled += 1;
        controller.enqueue(new Uint8Array(CHUNK));
      },
    });
    const server = await listen(handle(stub(() => new Response(body))));
    const received = await new Promise<{ pausedAt: number; bytes: number }>((resolve, reject) => {
      httpRequest(baseUrl(server), { agent: false }, (res) => {
        let bytes = 0;
        res.pause();
        setTimeout(() => {
          const pausedAt = pulled;
          res.on("data", (chunk: Buffer) => (bytes += chunk.length));
          res.on("end", () => resolve({ pausedAt, bytes }));
          res.resume();
        }, 200);
      })
        .on("error", reject)
        .end();
    });
    expect(received.pausedAt).toBeLessThan(TOTAL / 2);
    expect(received.bytes).toBe(CHUNK * TOTAL);
    await closeNow(server);
  });

  it("gives an already aborted signal to a handler that first looks after the client left", async () => {
    const started = deferred();
    const responseClosed = deferred();
    const seen = deferred<boolean>();
    const server = await listen(
      handle(
        stub(async (request) => {
          started.resolve();
          await responseClosed.promise;
          seen.resolve(request.signal.aborted);
          return new Response("too late");
        }),
      ),
    );
    server.on("request", (_req, res: ServerResponse) => res.once("close", () => responseClosed.resolve()));
    const client = httpRequest(baseUrl(server), {
      method: "POST",
      agent: false,
      headers: { "content-length": "10" },
    });
    client.on("error", () => {});
    client.write("12345"); // the body is still incomplete when the client leaves
    await within(started.promise, "the handler to start");
    client.destroy();
    expect(await within(seen.promise, "the handler to look at its signal")).toBe(true);
    await closeNow(server);
  });

  it("errors the body stream the handler reads when the client leaves mid-upload", async () => {
    const readFailed = deferred<unknown>();
    const firstChunk = deferred();
    const server = await listen(
      handle(
        stub(async (request) => {
          const reader = request.body!.getReader();
          await reader.read();
          firstChunk.resolve();
          await reader.read().catch((error: unknown) => readFailed.resolve(error));
          return new Response("unreachable");
        }),
      ),
    );
    const client = httpRequest(baseUrl(server), {
      method: "POST",
      agent: false,
      headers: { "content-length": "10" },
    });
    client.on("error", () => {});
    client.write("12345");
    await within(firstChunk.promise, "the handler to read the first chunk");
    client.destroy();
    expect(await within(readFailed.promise, "the body read to fail")).toBeInstanceOf(Error);
    await closeNow(server);
  });

  it("sends no body for HEAD and cancels the one the handler made", async () => {
    const cancelled = deferred();
    const body = new ReadableStream({ cancel: () => cancelled.resolve() });
    const server = await listen(handle(stub(() => new Response(body, { headers: SSE_HEADERS }))));
    const response = await rawRequest(baseUrl(server), { method: "HEAD" });
    expect(response.status).toBe(200);
    await within(cancelled.promise, "the body to be cancelled");
    await closeNow(server);
  });
});

describe("serve()", { timeout: 3_000 }, () => {
  it("listens on 127.0.0.1 and a random port by default, serving every path", async () => {
    const served = await serve(stub((request) => new Response(new URL(request.url).pathname)));
    expect(served.url.hostname).toBe("127.0.0.1");
    expect(served.url.port).not.toBe("");
    expect(served.url.pathname).toBe("/");
    expect(served.server.address()).toMatchObject({ address: "127.0.0.1" });
    expect(await (await fetch(new URL("/any/path?x=1", served.url))).text()).toBe("/any/path");
    await served.close();
  });

  it("handles only `path` when given; other paths get 404", async () => {
    const served = await serve(
      stub(() => new Response("mcp")),
      { path: "/mcp" },
    );
    expect(served.url.pathname).toBe("/mcp");
    expect(await (await fetch(served.url)).text()).toBe("mcp");
    expect(await (await fetch(new URL("/mcp?session=1", served.url))).text()).toBe("mcp");
    expect((await fetch(new URL("/other", served.url))).status).toBe(404);
    expect((await fetch(new URL("/mcp/deeper", served.url))).status).toBe(404);
    await served.close();
  });

  it("close() ends an open SSE stream through handler.close() and resolves promptly", async () => {
    const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
    const handler = stub(
      (request) =>
        new URL(request.url).pathname === "/plain"
          ? new Response("ok")
          : new Response(
              new ReadableStream<Uint8Array>({
                start: (controller) => {
                  streams.add(controller);
                  controller.enqueue(encode("data: open\n\n"));
                },
              }),
              { headers: SSE_HEADERS },
            ),
      () => streams.forEach((controller) => controller.close()),
    );
    const served = await serve(handler);
    const response = await fetch(served.url);
    const reader = response.body!.getReader();
    await reader.read(); // the stream is open
    // Another connection stays idle in the keep-alive pool: close() must not wait for it either.
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      httpRequest(new URL("/plain", served.url), { agent }, (res) => res.resume().on("end", resolve)).end(),
    );
    const started = performance.now();
    await served.close();
    expect(performance.now() - started).toBeLessThan(400);
    expect(handler.closed).toBe(1);
    const rest = await reader.read();
    expect(rest.done).toBe(true);
    await served.close(); // idempotent
    expect(handler.closed).toBe(1);
    agent.destroy();
  });

  it("close() cuts a stream the handler leaves open, within a second", async () => {
    const served = await serve(stub(() => new Response(new ReadableStream(), { headers: SSE_HEADERS })));
    const response = await fetch(served.url);
    expect(response.status).toBe(200);
    const started = performance.now();
    await served.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    await expect(response.body!.getReader().read()).rejects.toThrow();
  });

  it("works with await using and rejects when the port is taken", async () => {
    const gotClosed = deferred();
    {
      await using served = await serve(stub(() => new Response("ok")));
      await expect(
        serve(
          stub(() => new Response("")),
          { port: Number(served.url.port) },
        ),
      ).rejects.toThrow(/EADDRINUSE/);
      served.server.once("close", () => gotClosed.resolve());
    }
    await within(gotClosed.promise, "the server to close");
  });
});
