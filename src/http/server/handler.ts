import { ErrorCode } from "../../jsonrpc/index.js";
import { createMemoryEventStore } from "../../store/index.js";
import type { HttpServable } from "./connectable.js";
import { preflight, withCors } from "./cors.js";
import type { CorsOptions } from "./cors.js";
import type { FetchHandler, RequestExtras } from "./fetch-handler.js";
import { handleGet, hasSessions } from "./handle-get.js";
import { handlePost } from "./handle-post.js";
import { checkHostAndOrigin } from "./guards.js";
import type { HandlerContext } from "./handler-context.js";
import { LegacySseSessions } from "./legacy-sse.js";
import type { McpHandlerOptions } from "./options.js";
import { badRequest, emptyResponse, errorResponse, methodNotAllowed } from "./responses.js";
import { toResponse, viewOfRequest } from "./exchange.js";
import type { HttpReply, HttpRequestView } from "./exchange.js";
import { withViewHandler } from "./view-handler.js";
import { SessionTable } from "./sessions.js";
import { isPromiseLike } from "../../util/maybe-promise.js";
import type { MaybePromise } from "../../util/maybe-promise.js";

/**
 * Streamable HTTP for both protocol eras on one endpoint, as a web-standard fetch handler:
 * 2026-07-28 requests are served statelessly, legacy clients get sessions (or stateless
 * serving), resumable SSE, and the 2024-11-05 HTTP+SSE transport. Safe defaults: loopback
 * Host/Origin only, 4 MiB bodies, JSON-only POSTs.
 *
 * @example
 * const handler = createMcpHandler(mcp, { allowedHosts: ["api.example.com"] });
 * export default { fetch: (request: Request) => handler.fetch(request) };
 */
export function createMcpHandler(server: HttpServable, options: McpHandlerOptions = {}): FetchHandler {
  const ctx: HandlerContext = {
    server,
    tools: server.getTool?.bind(server),
    options,
    sessions: new SessionTable(options),
    legacySse: new LegacySseSessions(),
    store: options.eventStore === false ? undefined : (options.eventStore ?? createMemoryEventStore()),
    retryMs: options.retryMs ?? 1_000,
  };
  let closed = false;
  const cors: CorsOptions | undefined = options.cors === true ? {} : options.cors || undefined;
  // Not async: a reply known synchronously (a refusal, a synchronous tool) costs no promise,
  // and a pending one crosses one `then` here instead of an await per layer.
  const serve = (request: HttpRequestView, extras?: RequestExtras): MaybePromise<HttpReply> => {
    if (closed)
      return errorResponse(503, ErrorCode.ConnectionClosed, "Service Unavailable: the server is closing");
    try {
      const refused = checkHostAndOrigin(request, options);
      if (refused) return refused;
      if (cors && request.method === "OPTIONS") return preflight(request, cors);
      const reply = route(ctx, request, extras);
      if (!isPromiseLike(reply)) return cors ? withCors(request, reply, cors) : reply;
      return reply.then((settled) => (cors ? withCors(request, settled, cors) : settled), internalError);
    } catch {
      return internalError();
    }
  };
  const handler: FetchHandler = {
    async fetch(request: Request, extras?: RequestExtras): Promise<Response> {
      return toResponse(await serve(viewOfRequest(request), extras));
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all([ctx.sessions.closeAll(), ctx.legacySse.closeAll()]);
    },
  };
  return withViewHandler(handler, serve);
}

function route(
  ctx: HandlerContext,
  request: HttpRequestView,
  extras: RequestExtras | undefined,
): MaybePromise<HttpReply> {
  switch (request.method) {
    case "POST":
      return handlePost(ctx, request, extras);
    case "GET":
      return handleGet(ctx, request);
    case "DELETE":
      return deleteSession(ctx, request);
    default:
      return methodNotAllowed("GET, POST, DELETE");
  }
}

/** Never a stack or a path on the wire; the server's own onError has seen handler failures. */
function internalError(): HttpReply {
  return errorResponse(500, ErrorCode.InternalError, "Internal error");
}

/** DELETE ends a legacy session; a later request with its id gets 404. No sessions: 405. */
function deleteSession(ctx: HandlerContext, request: HttpRequestView): HttpReply {
  if (!hasSessions(ctx)) return methodNotAllowed("POST");
  const id = request.headers.get("mcp-session-id");
  if (id === null) return badRequest("Mcp-Session-Id header is required");
  if (!ctx.sessions.delete(id)) return errorResponse(404, ErrorCode.ConnectionClosed, "Session not found");
  return emptyResponse(200);
}
