// The raw HTTP server on node:http: read the body, answer JSON (or one SSE event), sessions are a
// Set of ids. Deliberately minimal: the ceiling the SDKs are measured against.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { hostHttpRoutes } from "../http-host.js";
import { answer } from "./core.js";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

function route(options: { sessions: boolean; sse: boolean }): Listener {
  const sessions = new Set<string>();
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let message: unknown;
      try {
        message = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const isInitialize = (message as { method?: unknown }).method === "initialize";
      const headers: Record<string, string> = {};
      if (options.sessions) {
        const session = req.headers["mcp-session-id"];
        if (isInitialize) {
          const id = randomUUID();
          sessions.add(id);
          headers["mcp-session-id"] = id;
        } else if (typeof session !== "string" || !sessions.has(session)) {
          res.writeHead(typeof session === "string" ? 404 : 400).end();
          return;
        }
      }
      const reply = answer(message);
      if (!reply) {
        res.writeHead(202, headers).end();
        return;
      }
      const json = JSON.stringify(reply);
      if (options.sse) {
        headers["content-type"] = "text/event-stream";
        res.writeHead(200, headers).end(`event: message\ndata: ${json}\n\n`);
      } else {
        headers["content-type"] = "application/json";
        res.writeHead(200, headers).end(json);
      }
    });
  };
}

await hostHttpRoutes({
  modern: route({ sessions: false, sse: false }),
  "stateful-json": route({ sessions: true, sse: false }),
  "stateful-sse": route({ sessions: true, sse: true }),
  "stateless-json": route({ sessions: false, sse: false }),
  "stateless-sse": route({ sessions: false, sse: true }),
});
