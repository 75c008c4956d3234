import type { HttpMode, Impl } from "../impls.js";
import { HTTP_MODES } from "../impls.js";
import { closedLoop } from "../load/closed-loop.js";
import { HttpMcpClient } from "../load/http-client.js";
import { HttpConnection } from "../load/http-wire.js";
import { HttpServerChild } from "../load/http-server-child.js";
import { ECHO_TEXT, ECHO_TOOL, toolCallParams } from "../protocol.js";
import { phasesOf } from "./context.js";
import type { WorkloadContext } from "./context.js";
import { checkText, record } from "./stdio-calls.js";

export const HTTP_MODE_LABEL: Readonly<Record<HttpMode, string>> = {
  modern: "2026-07-28 stateless",
  "stateful-json": "legacy stateful, JSON replies",
  "stateful-sse": "legacy stateful, server default replies (SSE)",
  "stateless-json": "legacy stateless, JSON replies",
  "stateless-sse": "legacy stateless, server default replies (SSE)",
};

/**
 * tools/call over Streamable HTTP against one server process, for every configuration it mounts
 * and every client count: each client is its own raw HTTP client on its own keep-alive
 * connection (and, stateful, its own session), one request in flight per client.
 */
export async function httpCalls(ctx: WorkloadContext, impl: Impl): Promise<void> {
  const server = await HttpServerChild.start(ctx.build.entry(`servers/${impl}/http`));
  try {
    for (const mode of HTTP_MODES) {
      if (mode === "modern" && impl === "v1") continue;
      const params = JSON.stringify(toolCallParams(ECHO_TOOL, { text: ECHO_TEXT }, mode === "modern"));
      for (const count of ctx.config.httpClients) {
        const connections = Array.from({ length: count }, () => new HttpConnection(server.port));
        try {
          const clients = connections.map((connection) => new HttpMcpClient(connection, mode));
          await Promise.all(clients.map((client) => client.open()));
          const result = await closedLoop(count, phasesOf(ctx.config), async (worker) => {
            const client = clients[worker];
            if (!client) throw new Error(`no client ${worker}`);
            checkText(await client.callTool(ECHO_TOOL, params), ECHO_TEXT.length);
          });
          const label = `HTTP, ${HTTP_MODE_LABEL[mode]}, ${count} client${count === 1 ? "" : "s"}`;
          record(ctx.results, impl, `http.${mode}.c${count}`, label, result);
        } finally {
          for (const connection of connections) connection.close();
        }
      }
    }
  } finally {
    await server.close();
  }
}
