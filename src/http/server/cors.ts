import type { HttpReply } from "./exchange.js";
import { emptyResponse } from "./responses.js";

/** CORS for browser clients (e.g. the MCP Inspector): which origins may call, and the preflight cache. */
export interface CorsOptions {
  /** Origins allowed to read responses; "*" for any. Default: the request's Origin once the guards let it in. */
  readonly origins?: readonly string[] | "*";
  /** How long browsers may cache a preflight answer. Default 600 s. */
  readonly maxAgeSeconds?: number;
}

/** Headers a browser client must be allowed to read: the session id and the negotiated version. */
const EXPOSED = "mcp-session-id, mcp-protocol-version, www-authenticate";
const ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
const DEFAULT_ALLOWED_HEADERS =
  "content-type, accept, authorization, mcp-session-id, mcp-protocol-version, mcp-method, mcp-name, last-event-id";

/** The origin to echo in Access-Control-Allow-Origin, or undefined if this origin gets no CORS. */
function allowedOrigin(request: { readonly headers: Headers }, options: CorsOptions): string | undefined {
  const origin = request.headers.get("origin");
  if (origin === null) return undefined;
  if (options.origins === "*") return "*";
  if (options.origins === undefined || options.origins.includes(origin)) return origin;
  return undefined;
}

/**
 * Answers a preflight. Requested headers are echoed when they are MCP headers (Mcp-Param-* names
 * depend on the tools, so no fixed list can hold them).
 */
export function preflight(request: { readonly headers: Headers }, options: CorsOptions): HttpReply {
  const origin = allowedOrigin(request, options);
  if (origin === undefined) return emptyResponse(204);
  const requested = request.headers.get("access-control-request-headers") ?? "";
  const extra = requested
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.startsWith("mcp-param-"));
  return emptyResponse(204, {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": ALLOWED_METHODS,
    "access-control-allow-headers": [DEFAULT_ALLOWED_HEADERS, ...extra].join(", "),
    "access-control-expose-headers": EXPOSED,
    "access-control-max-age": String(options.maxAgeSeconds ?? 600),
    vary: "origin",
  });
}

/** Adds the CORS headers to a response for an allowed origin. */
export function withCors(
  request: { readonly headers: Headers },
  reply: HttpReply,
  options: CorsOptions,
): HttpReply {
  const origin = allowedOrigin(request, options);
  if (origin === undefined) return reply;
  const vary = reply.headers.vary;
  const headers = {
    ...reply.headers,
    "access-control-allow-origin": origin,
    "access-control-expose-headers": EXPOSED,
    vary: vary === undefined ? "origin" : `${vary}, origin`,
  };
  return { ...reply, headers };
}
