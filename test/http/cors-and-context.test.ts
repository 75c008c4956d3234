import { describe, expect, it } from "vitest";
import { McpServer } from "mcpkit";
import { createMcpHandler } from "mcpkit/http";

/* CORS for browser clients, and what a handler sees of the HTTP request (headers, auth info). */

const BASE = "http://127.0.0.1:3000/mcp";

function server() {
  const mcp = new McpServer({ name: "http-ctx", version: "1" });
  mcp.tool("whoami", (_args, ctx) => ({
    agent: ctx.headers?.get("x-agent") ?? null,
    subject: ctx.authInfo?.subject ?? null,
  }));
  return mcp;
}

const modern = (id: number, method: string, params: Record<string, unknown> = {}) => ({
  jsonrpc: "2.0",
  id,
  method,
  params: {
    ...params,
    _meta: {
      "io.modelcontextprotocol/protocolVersion": "2026-07-28",
      "io.modelcontextprotocol/clientCapabilities": {},
    },
  },
});

function post(body: unknown, headers: Record<string, string>): Request {
  return new Request(BASE, {
    method: "POST",
    headers: {
      host: "127.0.0.1:3000",
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

describe("CORS", () => {
  it("answers preflights with the MCP headers (incl. requested Mcp-Param-*) and exposes the session id", async () => {
    const handler = createMcpHandler(server(), { cors: true, allowedOrigins: ["http://localhost:6274"] });
    const pre = await handler.fetch(
      new Request(BASE, {
        method: "OPTIONS",
        headers: {
          host: "127.0.0.1:3000",
          origin: "http://localhost:6274",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type, mcp-session-id, mcp-param-region",
        },
      }),
    );
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://localhost:6274");
    expect(pre.headers.get("access-control-allow-headers")).toContain("mcp-protocol-version");
    expect(pre.headers.get("access-control-allow-headers")).toContain("mcp-param-region");
    const init = await handler.fetch(
      post(
        {
          jsonrpc: "2.0",
          id: 1,
          method: "initialize",
          params: {
            protocolVersion: "2025-11-25",
            capabilities: {},
            clientInfo: { name: "b", version: "1" },
          },
        },
        { origin: "http://localhost:6274" },
      ),
    );
    expect(init.status).toBe(200);
    expect(init.headers.get("access-control-expose-headers")).toContain("mcp-session-id");
    expect(init.headers.get("mcp-session-id")).toMatch(/^[0-9a-f]{32}$/);
    await handler.close();
  });

  it("refuses origins outside the allow-list before any CORS answer", async () => {
    const handler = createMcpHandler(server(), { cors: true, allowedOrigins: ["http://localhost:6274"] });
    const answer = await handler.fetch(
      new Request(BASE, {
        method: "OPTIONS",
        headers: { host: "127.0.0.1:3000", origin: "https://evil.example" },
      }),
    );
    expect(answer.status).toBe(403);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the HTTP request as a handler sees it", () => {
  it("passes request headers and an adapter's auth info to ctx", async () => {
    const handler = createMcpHandler(server());
    const response = await handler.fetch(
      post(modern(1, "tools/call", { name: "whoami", arguments: {} }), {
        "mcp-protocol-version": "2026-07-28",
        "mcp-method": "tools/call",
        "mcp-name": "whoami",
        "x-agent": "inspector/1.0",
      }),
      { authInfo: { subject: "user-42" } },
    );
    const body = (await response.json()) as { result: { content: { text: string }[] } };
    expect(JSON.parse(body.result.content[0]!.text)).toEqual({ agent: "inspector/1.0", subject: "user-42" });
    await handler.close();
  });
});
