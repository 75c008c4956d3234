import { afterEach, describe, expect, it } from "vitest";
import { McpError, McpServer, SdkError } from "mcpkit";
import { createMcpHandler, createStreamableHttpClientTransport, httpStatusOf } from "mcpkit/http";
import type { FetchHandler } from "mcpkit/http";
import { newClient, rawServer, recordingFetch, serveHandler } from "./helpers.js";

/* Era evidence on HTTP (REVISIONS.md §1(e)): what makes the Client's probe fall back, and what must not. */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function legacyMcp() {
  const mcp = new McpServer({ name: "legacy-only", version: "1.0.0" });
  mcp.tool("hello", () => "hello from a legacy server");
  return mcp;
}

/** An mcpkit server made legacy-only: server/discover gets `answer` instead of being served. */
function withoutDiscover(answer: () => Response): FetchHandler {
  const inner = createMcpHandler(legacyMcp());
  return {
    async fetch(request) {
      if (request.method === "POST") {
        const body = (await request.clone().json()) as { method?: string };
        if (body.method === "server/discover") return answer();
      }
      return inner.fetch(request);
    },
    close: () => inner.close(),
  };
}

async function connectTo(url: URL) {
  const recorder = recordingFetch();
  const transport = createStreamableHttpClientTransport(url, { fetch: recorder.fetch });
  const { client, errors } = newClient({ probeTimeoutMs: 4_000 });
  cleanups.push(() => client.close());
  const connected = await client.connect(transport).then(
    () => undefined,
    (error: unknown) => error,
  );
  return { client, errors, recorder, connected };
}

describe("the HTTP era probe", { timeout: 5_000 }, () => {
  it.each([
    [
      "a plain 404",
      () => new Response("Not Found", { status: 404, headers: { "content-type": "text/plain" } }),
    ],
    ["an empty 400", () => new Response(null, { status: 400 })],
    ["a 405 with Allow", () => new Response(null, { status: 405, headers: { allow: "GET, POST" } })],
    [
      "a JSON 404 that is no JSON-RPC error",
      () => Response.json({ detail: "no such route" }, { status: 404 }),
    ],
    [
      "a legacy JSON-RPC error without id",
      () =>
        Response.json(
          { jsonrpc: "2.0", id: null, error: { code: -32000, message: "Bad Request" } },
          { status: 400 },
        ),
    ],
  ])("falls back to initialize when server/discover gets %s", async (_name, answer) => {
    const server = await serveHandler(withoutDiscover(answer));
    cleanups.push(server.close);
    const { client, recorder, connected } = await connectTo(server.url);
    expect(connected).toBeUndefined();
    expect(client.era).toBe("legacy");
    expect(recorder.posts("server/discover")).toHaveLength(1);
    expect(recorder.posts("initialize")).toHaveLength(1);
    expect(await client.callTool({ name: "hello" })).toMatchObject({
      content: [{ text: "hello from a legacy server" }],
    });
  });

  it("does not fall back on 401: the status and the WWW-Authenticate challenge reach the caller", async () => {
    const challenge = 'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource"';
    const server = await rawServer((_req, res) =>
      res.writeHead(401, { "www-authenticate": challenge }).end(),
    );
    cleanups.push(server.close);
    const { connected, recorder } = await connectTo(server.url);
    expect(connected).toBeInstanceOf(SdkError);
    expect((connected as SdkError).code).toBe("transport");
    expect(httpStatusOf(connected)?.status).toBe(401);
    expect(httpStatusOf(connected)?.wwwAuthenticate).toBe(challenge);
    expect(recorder.posts("initialize")).toHaveLength(0);
  });

  it.each([403, 500, 503])("does not fall back on %i", async (status) => {
    const server = await rawServer((_req, res) => res.writeHead(status).end("nope"));
    cleanups.push(server.close);
    const { connected, recorder } = await connectTo(server.url);
    expect(httpStatusOf(connected)?.status).toBe(status);
    expect(recorder.posts("initialize")).toHaveLength(0);
  });

  it("delivers a modern JSON-RPC error as it is (-32022 with 400): no fallback", async () => {
    const server = await rawServer((_req, res, body) => {
      const { id } = JSON.parse(body) as { id: number };
      const error = {
        code: -32022,
        message: "Unsupported protocol version",
        data: { supported: ["2099-01-01"] },
      };
      res
        .writeHead(400, { "content-type": "application/json" })
        .end(JSON.stringify({ jsonrpc: "2.0", id, error }));
    });
    cleanups.push(server.close);
    const { connected, recorder } = await connectTo(server.url);
    expect(connected).toBeInstanceOf(McpError);
    expect((connected as McpError).code).toBe(-32022);
    expect(recorder.posts("initialize")).toHaveLength(0);
  });

  it("reports a network failure and rejects the send with SdkError(transport)", async () => {
    const server = await rawServer(() => {});
    await server.close(); // nothing listens there any more
    const { connected, errors } = await connectTo(server.url);
    expect(connected).toBeInstanceOf(SdkError);
    expect((connected as SdkError).code).toBe("transport");
    expect(
      errors.some((error) => error instanceof SdkError && /POST server\/discover failed/.test(error.message)),
    ).toBe(true);
  });
});
