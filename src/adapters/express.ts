import type { Request, Response } from "express";
import type { FetchHandler, RequestExtras } from "../http/index.js";
import { toExtras } from "./internal.js";
import { respond } from "./node-response.js";

/** Options of {@link handle} (Express). */
export interface ExpressHandleOptions {
  /** Receives unexpected errors (masked on the wire as a generic 500). Default: console.error. */
  readonly onError?: (error: Error) => void;
}

/**
 * An Express 5 route handler serving a FetchHandler. The handler sees the full path
 * (`req.originalUrl`, so `app.use("/mcp", ...)` works), the protocol and host as Express's
 * `trust proxy` setting resolves them, `req.auth` (set by an auth middleware) as
 * `authInfo`, and a body `express.json()` already parsed as `parsedBody`. Never rejects.
 *
 * @example
 * import express from "express";
 * import { handle } from "mcpkit/express";
 *
 * const app = express();
 * app.all("/mcp", handle(mcp.handler()));
 * app.listen(8000, "127.0.0.1");
 */
export function handle(
  handler: FetchHandler,
  options: ExpressHandleOptions = {},
): (req: Request, res: Response) => Promise<void> {
  const { onError } = options;
  return (req, res) => {
    const url = `${req.protocol}://${req.host || "localhost"}${req.originalUrl}`;
    return respond(handler, { req, res, url, extras: () => extrasOf(req) }, onError);
  };
}

function extrasOf(req: Request): RequestExtras | undefined {
  // A body counts as parsed only once a body parser consumed the stream; else the handler streams it.
  return toExtras((req as { auth?: unknown }).auth, req.readableEnded ? (req.body as unknown) : undefined);
}
