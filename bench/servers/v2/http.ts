// The official 2.4.0 Streamable HTTP server. 2026-07-28: createMcpHandler (a factory per request,
// its recommended entry). Legacy: WebStandardStreamableHTTPServerTransport wired as its docs show
// (stateful: one McpServer and transport per session; stateless: both per request, which is what
// createMcpHandler's own legacy leg does). Node requests become web ones through @hono/node-server,
// as the official @modelcontextprotocol/node adapter does.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { WebStandardStreamableHTTPServerTransport, createMcpHandler } from "@modelcontextprotocol/server";
import { hostHttpRoutes } from "../http-host.js";
import { createBenchServer } from "./server.js";

type Fetch = (request: Request) => Promise<Response>;

function stateful(enableJsonResponse: boolean): Fetch {
  const transports = new Map<string, WebStandardStreamableHTTPServerTransport>();
  return async (request) => {
    const sessionId = request.headers.get("mcp-session-id");
    const existing = sessionId === null ? undefined : transports.get(sessionId);
    if (existing) return existing.handleRequest(request);
    if (sessionId !== null) return new Response(null, { status: 404 });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse,
      onsessioninitialized: (id) => void transports.set(id, transport),
    });
    transport.onclose = () => void (transport.sessionId && transports.delete(transport.sessionId));
    await createBenchServer().connect(transport);
    return transport.handleRequest(request);
  };
}

function stateless(enableJsonResponse: boolean): Fetch {
  return async (request) => {
    const server = createBenchServer();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse,
    });
    await server.connect(transport);
    const response = await transport.handleRequest(request);
    // A JSON reply is complete here; an SSE reply's stream ends once the response is written.
    if (enableJsonResponse) void server.close();
    return response;
  };
}

/** @hono/node-server's listener as a plain Node one (it never rejects: errors become 500s). */
function node(fetch: Fetch): (req: IncomingMessage, res: ServerResponse) => void {
  const listener = getRequestListener(fetch);
  return (req, res) => void listener(req, res);
}

const modern = createMcpHandler(() => createBenchServer());

await hostHttpRoutes({
  modern: node((request) => modern.fetch(request)),
  "stateful-json": node(stateful(true)),
  "stateful-sse": node(stateful(false)),
  "stateless-json": node(stateless(true)),
  "stateless-sse": node(stateless(false)),
});
