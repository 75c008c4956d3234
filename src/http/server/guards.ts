import { ErrorCode } from "../../jsonrpc/index.js";
import type { HttpReply } from "./exchange.js";
import { errorResponse } from "./responses.js";

/** The guards read only headers, so any request shape with them will do. */
type HasHeaders = { readonly headers: Headers };

/** Options of the request guards (DNS-rebinding protection and content negotiation). */
export interface GuardOptions {
  /**
   * Host header values accepted (host or host:port). Default: the loopback names (localhost,
   * 127.0.0.1, [::1]) with any port. Pass `false` to accept any host (behind a proxy that checks).
   */
  readonly allowedHosts?: readonly string[] | false;
  /**
   * Origins accepted when a browser sends one. Default: loopback origins only. `Origin: null` is
   * always refused. Pass `false` to accept any origin.
   */
  readonly allowedOrigins?: readonly string[] | false;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Refuses requests whose Host or Origin is not allowed (403), per the spec's DNS-rebinding rule. */
export function checkHostAndOrigin(request: HasHeaders, options: GuardOptions): HttpReply | undefined {
  if (options.allowedHosts !== false) {
    const host = request.headers.get("host");
    if (host === null || !hostAllowed(host, options.allowedHosts)) return forbidden("Host not allowed");
  }
  const origin = request.headers.get("origin");
  if (origin !== null && options.allowedOrigins !== false && !originAllowed(origin, options.allowedOrigins)) {
    return forbidden("Origin not allowed");
  }
  return undefined;
}

/** The last Host found to be loopback: a client sends the same one on every request. */
let lastLoopbackHost = "";

function hostAllowed(host: string, allowed: readonly string[] | undefined): boolean {
  if (!allowed && host === lastLoopbackHost) return true;
  const lower = host.toLowerCase();
  if (allowed)
    return allowed.some((entry) => entry.toLowerCase() === lower || entry.toLowerCase() === stripPort(lower));
  if (!LOOPBACK_HOSTS.has(stripPort(lower))) return false;
  lastLoopbackHost = host;
  return true;
}

function originAllowed(origin: string, allowed: readonly string[] | undefined): boolean {
  if (origin === "null") return false;
  if (allowed) return allowed.includes(origin);
  try {
    return LOOPBACK_HOSTS.has(stripPort(new URL(origin).host.toLowerCase()));
  } catch {
    return false;
  }
}

/** "host:port" -> "host", keeping IPv6 brackets ("[::1]:80" -> "[::1]"). */
function stripPort(host: string): string {
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  const colon = host.lastIndexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

function forbidden(message: string): HttpReply {
  return errorResponse(403, ErrorCode.ConnectionClosed, `Forbidden: ${message}`);
}

/** 415 unless the body is declared JSON. */
export function checkContentType(request: HasHeaders): HttpReply | undefined {
  const header = request.headers.get("content-type");
  if (header === "application/json") return undefined; // what nearly every client sends
  const type = header?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return undefined;
  return errorResponse(
    415,
    ErrorCode.ConnectionClosed,
    "Unsupported Media Type: Content-Type must be application/json",
  );
}

/** The last Accept header found acceptable for a POST. */
let lastAcceptable: string | undefined;

/** 406 unless the client accepts both JSON and SSE replies (as the spec requires it to). */
export function checkPostAccept(request: HasHeaders): HttpReply | undefined {
  const accept = request.headers.get("accept") ?? "";
  if (accept === lastAcceptable) return undefined; // a client sends the same Accept every time
  const any = accept.includes("*/*");
  if (any || (accept.includes("application/json") && accept.includes("text/event-stream"))) {
    lastAcceptable = accept;
    return undefined;
  }
  return errorResponse(
    406,
    ErrorCode.ConnectionClosed,
    "Not Acceptable: Accept must list both application/json and text/event-stream",
  );
}

/** True when the client accepts an SSE stream (GET). */
export function acceptsEventStream(request: HasHeaders): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("text/event-stream") || accept.includes("*/*");
}
