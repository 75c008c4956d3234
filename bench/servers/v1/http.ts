// The official 1.32.2 Streamable HTTP server on plain node:http, wired as its README shows:
// stateful = one McpServer and transport per session; stateless = both new for every request.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { hostHttpRoutes } from "../http-host.js";
import { createBenchServer } from "./server.js";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function stateful(enableJsonResponse: boolean): Listener {
  const transports = new Map<string, StreamableHTTPServerTransport>();
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const sessionId = req.headers["mcp-session-id"];
    let transport = typeof sessionId === "string" ? transports.get(sessionId) : undefined;
    if (!transport) {
      if (sessionId !== undefined) {
        res.writeHead(404).end();
        return;
      }
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse,
        onsessioninitialized: (id) => void transports.set(id, created),
      });
      created.onclose = () => void (created.sessionId && transports.delete(created.sessionId));
      await createBenchServer().connect(created);
      transport = created;
    }
    await transport.handleRequest(req, res);
  };
  return (req, res) => void serve(req, res);
}

function stateless(enableJsonResponse: boolean): Listener {
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const server = createBenchServer();
    // No sessionIdGenerator: the stateless mode.
    const transport = new StreamableHTTPServerTransport({ enableJsonResponse });
    res.once("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };
  return (req, res) => void serve(req, res);
}

await hostHttpRoutes({
  // 1.32.2 predates 2026-07-28; the bench never sends modern requests here.
  modern: (_req, res) => void res.writeHead(404).end(),
  "stateful-json": stateful(true),
  "stateful-sse": stateful(false),
  "stateless-json": stateless(true),
  "stateless-sse": stateless(false),
});
