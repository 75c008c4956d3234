import { afterEach, describe, expect, it } from "vitest";
import { McpServer, SdkError } from "mcpkit";
import { createSseClientTransport, httpStatusOf } from "mcpkit/http";
import { deferred, newClient, rawServer, recordingFetch, serveMcp, sseEvent } from "./helpers.js";

/* The legacy 2024-11-05 HTTP+SSE client transport against mcpkit's endpoint and misbehaving servers. */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function mcpkitServer() {
  const mcp = new McpServer({ name: "sse-test", version: "1.0.0" });
  mcp.tool("hello", () => "hello over SSE");
  return mcp;
}

describe("createSseClientTransport", { timeout: 5_000 }, () => {
  it("talks to mcpkit's endpoint (a GET without session serves HTTP+SSE)", async () => {
    const mcp = mcpkitServer();
    const server = await serveMcp(mcp);
    cleanups.push(server.close);
    const recorder = recordingFetch();
    const transport = createSseClientTransport(server.url, {
      fetch: recorder.fetch,
      headers: { "x-trace": "t1" },
    });
    const { client, errors } = newClient({ mode: "legacy" });
    cleanups.push(() => client.close());
    await client.connect(transport);

    expect(client.era).toBe("legacy");
    expect(transport.endpoint?.origin).toBe(server.url.origin);
    expect(transport.endpoint?.pathname).toBe(server.url.pathname);
    expect(await client.callTool({ name: "hello" })).toMatchObject({ content: [{ text: "hello over SSE" }] });

    // Server notifications arrive on the stream.
    const changed = deferred();
    client.on("notifications/tools/list_changed", () => changed.resolve());
    mcp.tool("later", () => "later");
    await changed.promise;

    const [get, ...posts] = recorder.seen;
    expect(get?.method).toBe("GET");
    expect(get?.headers.get("accept")).toBe("text/event-stream");
    expect(
      posts.every((request) => request.method === "POST" && request.headers.get("x-trace") === "t1"),
    ).toBe(true);
    expect(errors).toEqual([]);
  });

  it("resolves a relative endpoint against the SSE URL", async () => {
    const server = await rawServer((req, res) => {
      if (req.method === "GET") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        sseEvent(res, { event: "endpoint", data: "messages?session=7" });
        return;
      }
      res.writeHead(202).end();
    });
    cleanups.push(server.close);
    const transport = createSseClientTransport(new URL("/base/sse", server.url));
    await transport.start({ onMessage: () => {}, onClose: () => {}, onError: () => {} });
    cleanups.push(() => transport.close());
    expect(transport.endpoint?.href).toBe(new URL("/base/messages?session=7", server.url).href);
  });

  it("refuses an endpoint on another origin", async () => {
    const server = await rawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      sseEvent(res, { event: "endpoint", data: "http://evil.example/messages" });
    });
    cleanups.push(server.close);
    const transport = createSseClientTransport(server.url);
    const failure = await transport
      .start({ onMessage: () => {}, onClose: () => {}, onError: () => {} })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SdkError);
    expect((failure as Error).message).toMatch(/Refusing the endpoint/);
    expect(transport.endpoint).toBeUndefined();
    await expect(transport.send({ jsonrpc: "2.0", method: "x" })).rejects.toMatchObject({ code: "closed" });
  });

  it("rejects start with the status when the GET is refused", async () => {
    const server = await rawServer((_req, res) => res.writeHead(401, { "www-authenticate": "Bearer" }).end());
    cleanups.push(server.close);
    const failure = await createSseClientTransport(server.url)
      .start({ onMessage: () => {}, onClose: () => {}, onError: () => {} })
      .catch((error: unknown) => error);
    expect(httpStatusOf(failure)?.status).toBe(401);
    expect(httpStatusOf(failure)?.wwwAuthenticate).toBe("Bearer");
  });

  it("times out when no endpoint event comes", async () => {
    const server = await rawServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(": nothing to see\n\n");
    });
    cleanups.push(server.close);
    const failure = await createSseClientTransport(server.url, { endpointTimeoutMs: 100 })
      .start({ onMessage: () => {}, onClose: () => {}, onError: () => {} })
      .catch((error: unknown) => error);
    expect((failure as SdkError).code).toBe("timeout");
  });

  it("closes when the server ends the stream, and rejects sends afterwards", async () => {
    let end: (() => void) | undefined;
    const server = await rawServer((req, res) => {
      if (req.method !== "GET") return void res.writeHead(202).end();
      res.writeHead(200, { "content-type": "text/event-stream" });
      sseEvent(res, { event: "endpoint", data: "/mcp?s=1" });
      sseEvent(res, {
        event: "message",
        data: JSON.stringify({ jsonrpc: "2.0", method: "notifications/hi" }),
      });
      end = () => res.end();
    });
    cleanups.push(server.close);
    const transport = createSseClientTransport(server.url);
    const messages: unknown[] = [];
    const closed = deferred();
    await transport.start({
      onMessage: (m) => messages.push(m),
      onClose: () => closed.resolve(),
      onError: () => {},
    });
    await transport.send({ jsonrpc: "2.0", method: "notifications/ping" });
    end?.();
    await closed.promise;
    expect(messages).toEqual([{ jsonrpc: "2.0", method: "notifications/hi" }]);
    await expect(transport.send({ jsonrpc: "2.0", method: "x" })).rejects.toMatchObject({ code: "closed" });
  });
});
