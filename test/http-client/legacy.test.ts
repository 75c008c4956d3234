import { afterEach, describe, expect, it } from "vitest";
import { McpServer, SdkError } from "mcpkit";
import type { Progress } from "mcpkit";
import { createStreamableHttpClientTransport, httpStatusOf } from "mcpkit/http";
import { deferred, newClient, rawServer, recordingFetch, serveMcp, waitFor } from "./helpers.js";

/* The mcpkit Client over Streamable HTTP in a legacy session (initialize, Mcp-Session-Id). */

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function legacyServer() {
  const mcp = new McpServer({ name: "legacy-test", version: "1.0.0" });
  mcp.tool("hello", () => "hello");
  mcp.tool("poll", async (_args, ctx) => {
    await ctx.progress(1, 2);
    ctx.closeStream(); // SEP-1699: the client must come back with GET + Last-Event-ID
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ctx.progress(2, 2);
    return "collected after reconnecting";
  });
  return mcp;
}

async function connectLegacy(mcp: McpServer, retryMs?: number) {
  const server = await serveMcp(mcp, retryMs === undefined ? {} : { retryMs });
  const recorder = recordingFetch();
  const transport = createStreamableHttpClientTransport(server.url, { fetch: recorder.fetch });
  const { client, errors } = newClient({ mode: "legacy" });
  cleanups.push(server.close, () => client.close());
  await client.connect(transport);
  return { client, errors, transport, recorder, server };
}

describe("Streamable HTTP client, legacy session", { timeout: 5_000 }, () => {
  it("learns the session id and version, sends them on later requests, and DELETEs the session on close", async () => {
    const { client, transport, recorder } = await connectLegacy(legacyServer());
    expect(client.era).toBe("legacy");
    expect(transport.protocolVersion).toBe("2025-11-25");
    const sessionId = transport.sessionId;
    expect(sessionId).toMatch(/^[\x21-\x7e]+$/);

    await client.callTool({ name: "hello" });
    const [initialize] = recorder.posts("initialize");
    expect(initialize?.headers.has("mcp-session-id")).toBe(false);
    expect(initialize?.headers.has("mcp-protocol-version")).toBe(false);
    for (const method of ["notifications/initialized", "tools/call"]) {
      const [post] = recorder.posts(method);
      expect(post?.headers.get("mcp-session-id")).toBe(sessionId);
      expect(post?.headers.get("mcp-protocol-version")).toBe("2025-11-25");
      expect(post?.headers.has("mcp-method")).toBe(false);
    }

    await client.close();
    const deletion = recorder.seen.find((request) => request.method === "DELETE");
    expect(deletion?.headers.get("mcp-session-id")).toBe(sessionId);
  });

  it("opens the standalone GET stream after initialized and receives list_changed on it", async () => {
    const mcp = legacyServer();
    const { client, transport, recorder } = await connectLegacy(mcp);
    const changed = deferred();
    client.on("notifications/tools/list_changed", () => changed.resolve());
    await waitFor(() => recorder.seen.some((request) => request.method === "GET"), "the GET stream");
    const get = recorder.seen.find((request) => request.method === "GET");
    expect(get?.headers.get("accept")).toBe("text/event-stream");
    expect(get?.headers.get("mcp-session-id")).toBe(transport.sessionId);
    expect(get?.headers.get("mcp-protocol-version")).toBe("2025-11-25");

    mcp.tool("added-later", () => "new");
    await changed.promise;
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain("added-later");
  });

  it("resumes a POST stream the server closed: GET + Last-Event-ID after the announced retry", async () => {
    const { client, transport, recorder, errors } = await connectLegacy(legacyServer(), 300);
    const progress: Progress[] = [];
    const result = await client.callTool({ name: "poll" }, { onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({ content: [{ type: "text", text: "collected after reconnecting" }] });
    expect(progress.map((p) => p.progress)).toEqual([1, 2]);

    const [post] = recorder.posts("tools/call");
    const resumed = recorder.seen.filter((request) => request.headers.has("last-event-id"));
    expect(resumed).toHaveLength(1);
    expect(resumed[0]?.method).toBe("GET");
    expect(resumed[0]?.headers.get("mcp-session-id")).toBe(transport.sessionId);
    expect(resumed[0]!.at - post!.at).toBeGreaterThanOrEqual(290); // waited the server's retry: 300 ms
    expect(errors).toEqual([]);
  });

  it("re-initializes once after an expired session (404) and sends the failed requests again", async () => {
    const { client, transport, errors, server, recorder } = await connectLegacy(legacyServer());
    const sessionId = transport.sessionId!;
    // End the session behind the client's back.
    const deleted = await fetch(server.url, { method: "DELETE", headers: { "mcp-session-id": sessionId } });
    expect(deleted.status).toBe(200);

    // Three calls fail together with 404; one new session serves all three.
    const results = await Promise.all([1, 2, 3].map(() => client.callTool({ name: "hello" })));
    for (const result of results)
      expect(result).toMatchObject({ content: [{ type: "text", text: "hello" }] });
    expect(recorder.posts("initialize")).toHaveLength(2);
    expect(transport.sessionId).toBeDefined();
    expect(transport.sessionId).not.toBe(sessionId);
    expect(recorder.posts("tools/call").map((post) => post.headers.get("mcp-session-id"))).toEqual([
      sessionId,
      sessionId,
      sessionId,
      transport.sessionId,
      transport.sessionId,
      transport.sessionId,
    ]);
    expect(errors.some((error) => /expired or was terminated/.test(error.message))).toBe(true);
  });

  it("renews once per failed request: a session that expires again rejects with the 404", async () => {
    let sessions = 0;
    // Grants a new session on every initialize, and forgets it at once.
    const server = await rawServer((req, res, body) => {
      const message = JSON.parse(body || "null") as { id?: number; method?: string } | null;
      if (message?.method === "initialize") {
        const result = {
          protocolVersion: "2025-06-18",
          capabilities: {},
          serverInfo: { name: "x", version: "1" },
        };
        res.writeHead(200, { "content-type": "application/json", "mcp-session-id": `s${++sessions}` });
        res.end(JSON.stringify({ jsonrpc: "2.0", id: message.id, result }));
      } else if (message && message.id === undefined) {
        res.writeHead(202).end();
      } else {
        res.writeHead(404).end();
      }
    });
    const recorder = recordingFetch();
    const { client } = newClient({ mode: "legacy" });
    cleanups.push(server.close, () => client.close());
    await client.connect(createStreamableHttpClientTransport(server.url, { fetch: recorder.fetch }));

    const failure = await client.callTool({ name: "hello" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SdkError);
    expect((failure as SdkError).code).toBe("session_expired");
    expect(httpStatusOf(failure)?.status).toBe(404);
    expect(recorder.posts("initialize")).toHaveLength(2);
    expect(recorder.posts("tools/call").map((post) => post.headers.get("mcp-session-id"))).toEqual([
      "s1",
      "s2",
    ]);
  });
});
