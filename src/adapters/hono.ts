import type { Context } from "hono";
import type { FetchHandler, RequestExtras } from "../http/index.js";
import { toError } from "../util/to-error.js";
import { INTERNAL_ERROR_BODY, logAdapterError, toExtras } from "./internal.js";

/** Options of {@link handle} (Hono). */
export interface HonoHandleOptions {
  /** The context variable (`c.set(name, ...)`) an auth middleware stores verified credentials in. */
  readonly authInfoKey?: string;
  /** Receives unexpected errors (masked on the wire as a generic 500). Default: console.error. */
  readonly onError?: (error: Error) => void;
}

/**
 * A Hono 4 handler serving a FetchHandler: the request is already web-standard, so it passes
 * through as is, on any runtime. A body a middleware already read (`c.req.json()`, a validator)
 * is passed as `parsedBody`. Never rejects.
 *
 * @example
 * import { Hono } from "hono";
 * import { handle } from "mcpkit/hono";
 *
 * const app = new Hono();
 * app.all("/mcp", handle(mcp.handler(), { authInfoKey: "authInfo" }));
 * export default app;
 */
export function handle(
  handler: FetchHandler,
  options: HonoHandleOptions = {},
): (c: Context) => Promise<Response> {
  const { authInfoKey, onError = logAdapterError } = options;
  return async (c) => {
    try {
      return await handler.fetch(c.req.raw, await extrasOf(c, authInfoKey));
    } catch (error) {
      onError(toError(error));
      return new Response(INTERNAL_ERROR_BODY, {
        status: 500,
        headers: { "content-type": "application/json" },
      });
    }
  };
}

async function extrasOf(c: Context, authInfoKey: string | undefined): Promise<RequestExtras | undefined> {
  const auth: unknown = authInfoKey === undefined ? undefined : c.get(authInfoKey);
  // Hono caches what a middleware read; the raw body is spent, so hand over the parsed JSON
  // (none if it was not JSON: the handler then answers as for any unreadable body).
  const parsedBody: unknown = c.req.raw.bodyUsed ? await c.req.json().catch(() => undefined) : undefined;
  return toExtras(auth, parsedBody);
}
