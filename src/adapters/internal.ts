import type { RequestExtras } from "../http/index.js";

/*
 * What the adapters share. Runtime-neutral: the Hono adapter runs on any runtime. When translation
 * itself fails, the answer is a JSON-RPC error with no detail, so nothing of the server leaks.
 */

/** The generic 500 body: a JSON-RPC "Internal error" without request id. */
export const INTERNAL_ERROR_BODY =
  '{"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":null}';

/** The generic 400 body, for a request that cannot become a web Request (e.g. a malformed Host). */
export const BAD_REQUEST_BODY = '{"jsonrpc":"2.0","error":{"code":-32600,"message":"Bad request"},"id":null}';

/** The default `onError` of every adapter: unexpected errors are masked on the wire, logged in full. */
export function logAdapterError(error: Error): void {
  console.error("[mcpkit] unexpected error in an HTTP adapter:", error);
}

/** Extras from what a framework left on its request: `auth` (if an object) and a parsed body. */
export function toExtras(auth: unknown, parsedBody: unknown): RequestExtras | undefined {
  const authInfo = typeof auth === "object" && auth !== null ? (auth as Record<string, unknown>) : undefined;
  if (authInfo === undefined) return parsedBody === undefined ? undefined : { parsedBody };
  return parsedBody === undefined ? { authInfo } : { authInfo, parsedBody };
}
