import { describe, expect, it } from "vitest";
import { Client, McpServer } from "mcpkit";
import { createMcpHandler, createSseClientTransport } from "mcpkit/http";
import { serve } from "mcpkit/node";

/* A 2024-11-05 HTTP+SSE connection is legacy only: an auto-mode client must land on initialize. */

describe("legacy HTTP+SSE on the mcpkit endpoint", () => {
  it("makes an auto-mode client fall back to initialize (no 2026-07-28 over HTTP+SSE)", async () => {
    const mcp = new McpServer({ name: "sse-era", version: "1" });
    mcp.tool("ping_me", () => "pong");
    await using server = await serve(createMcpHandler(mcp), { path: "/mcp" });
    const client = new Client({ name: "auto", version: "1" });
    await client.connect(createSseClientTransport(server.url));
    expect(client.era).toBe("legacy");
    expect(await client.callTool({ name: "ping_me", arguments: {} })).toMatchObject({
      content: [{ text: "pong" }],
    });
    await client.close();
  });
});
