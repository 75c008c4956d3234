import type { FastifyReply, FastifyRequest } from "fastify";
import type { FetchHandler } from "../http/index.js";
import { toExtras } from "./internal.js";
import { respond } from "./node-response.js";

/** Options of {@link handle} (Fastify). */
export interface FastifyHandleOptions {
  /** Receives unexpected errors (masked on the wire as a generic 500). Default: console.error. */
  readonly onError?: (error: Error) => void;
}

/**
 * A Fastify 5 route handler serving a FetchHandler. It hijacks the reply and streams through the
 * Node path; headers already set on the reply (e.g. by `@fastify/cors`) are kept. The handler
 * sees the protocol and host as Fastify's `trustProxy` resolves them, `request.auth` (if a hook
 * set it) as `authInfo`, and the body Fastify parsed as `parsedBody` (capped by `bodyLimit`,
 * 1 MiB by default). Never rejects.
 *
 * @example
 * import Fastify from "fastify";
 * import { handle } from "mcpkit/fastify";
 *
 * const handler = mcp.handler();
 * const app = Fastify();
 * app.all("/mcp", handle(handler));
 * app.addHook("preClose", () => handler.close()); // ends open streams, or app.close() waits on them
 * // Or let the handler stream bodies itself: no Fastify parsing in this scope.
 * await app.register(async (scope) => {
 *   scope.removeAllContentTypeParsers();
 *   scope.addContentTypeParser("*", (_request, _payload, done) => done(null));
 *   scope.all("/mcp-streaming", handle(handler));
 * });
 * await app.listen({ port: 8000, host: "127.0.0.1" });
 */
export function handle(
  handler: FetchHandler,
  options: FastifyHandleOptions = {},
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const { onError } = options;
  return (request, reply) => {
    const { raw: req } = request;
    const { raw: res } = reply;
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(name, value);
    }
    reply.hijack();
    const url = `${request.protocol}://${request.host || "localhost"}${request.url}`;
    // A body counts as parsed only once Fastify consumed the stream; else the handler streams it.
    const extras = () =>
      toExtras((request as { auth?: unknown }).auth, req.readableEnded ? request.body : undefined);
    return respond(handler, { req, res, url, extras }, onError);
  };
}
