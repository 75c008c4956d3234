import type { IncomingMessage, ServerResponse } from "node:http";
import type { FetchHandler, RequestExtras } from "../http/index.js";
import { toError } from "../util/to-error.js";
import { BAD_REQUEST_BODY, INTERNAL_ERROR_BODY, logAdapterError } from "./internal.js";
import { toRequest } from "./node-request.js";
import { nodeRequestView, readSmallBody } from "./node-view.js";
import type { ReadBody } from "./node-view.js";
import type { HttpReply, HttpRequestView } from "../http/server/exchange.js";
import { viewHandlerOf } from "../http/server/view-handler.js";
import { isPromiseLike } from "../util/maybe-promise.js";
import type { ViewHandler } from "../http/server/view-handler.js";

/**
 * Writes a web `Response` to a Node response: status, headers (each `set-cookie` on its own line),
 * then the body chunk by chunk with backpressure. Event streams are flushed as they go; a client
 * that disconnects cancels the body, which is how a streaming handler learns it is gone.
 *
 * @example
 * import { createServer } from "node:http";
 * import { writeResponse } from "mcpkit/node";
 *
 * createServer((_req, res) => void writeResponse(res, Response.json({ ok: true })));
 */
export async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  // One flat array lets writeHead skip a setHeader per name; set-cookie values, which must stay
  // separate lines, are appended to any a middleware set before.
  const head: string[] = [];
  for (const [name, value] of response.headers) if (name !== "set-cookie") head.push(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.appendHeader("set-cookie", cookies);
  res.writeHead(response.status, head);
  const body = response.body;
  if (body === null || !canHaveBody(res, response.status)) {
    res.end();
    await body?.cancel();
    return;
  }
  if (response.headers.get("content-type")?.startsWith("text/event-stream") === true) res.flushHeaders();
  await pipeBody(body, res);
}

function canHaveBody(res: ServerResponse, status: number): boolean {
  return status !== 204 && status !== 304 && res.req.method !== "HEAD";
}

async function pipeBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  let gone = false;
  const onClose = (): void => {
    if (res.writableFinished) return;
    gone = true;
    reader.cancel().catch(() => {});
  };
  res.once("close", onClose);
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (!res.write(chunk.value) && !gone) await drained(res);
    }
    if (!gone) res.end();
  } catch (error) {
    res.destroy(); // headers are out: cut the connection so the client sees a truncated response
    throw error;
  } finally {
    res.off("close", onClose);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}

/** One Node exchange as the adapters see it. @internal */
export interface NodeExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url?: string | undefined;
  readonly trustProxy?: boolean | undefined;
  /** Called inside the guard, so a throwing callback becomes a 500 too. */
  readonly extras?: (() => RequestExtras | undefined) | undefined;
}

/** What a round trip that finished synchronously returns: one shared, settled promise. */
const DONE = Promise.resolve();

/**
 * The round trip every Node-based adapter shares. Never rejects: a request that cannot be
 * translated gets a 400, anything else unexpected a generic 500 (or a cut connection once
 * headers are out), reported to `onError`. @internal
 */
export function respond(
  handler: FetchHandler,
  exchange: NodeExchange,
  onError: (error: Error) => void = logAdapterError,
): Promise<void> {
  const serveView = viewHandlerOf(handler);
  if (serveView) return respondWithView(serveView, exchange, onError);
  return respondWithFetch(handler, exchange, onError);
}

async function respondWithFetch(
  handler: FetchHandler,
  exchange: NodeExchange,
  onError: (error: Error) => void,
): Promise<void> {
  const { req, res } = exchange;
  let request: Request;
  try {
    request = toRequest(req, { res, url: exchange.url, trustProxy: exchange.trustProxy });
  } catch {
    badRequest(res);
    return;
  }
  try {
    await writeResponse(res, await handler.fetch(request, exchange.extras?.()));
  } catch (error) {
    failed(res, error, onError);
  }
}

/**
 * The fast path for handlers made by createMcpHandler: no web Request or Response at all, and
 * no promise beyond the handler's own when its reply is pending (a sync reply is written at once).
 * A small body is read first (readSmallBody), so such a reply is written in the same callback
 * that received the body's last byte.
 */
function respondWithView(
  serve: ViewHandler,
  exchange: NodeExchange,
  onError: (error: Error) => void,
): Promise<void> {
  let done: (() => void) | undefined;
  const reading = readSmallBody(
    exchange.req,
    (body) => {
      const served = serveView(serve, exchange, onError, body);
      if (served === DONE) done?.();
      else void served.then(done);
    },
    () => done?.(),
  );
  if (!reading) return serveView(serve, exchange, onError, undefined);
  return new Promise((resolve) => (done = resolve));
}

function serveView(
  serve: ViewHandler,
  exchange: NodeExchange,
  onError: (error: Error) => void,
  body: ReadBody | undefined,
): Promise<void> {
  const { req, res } = exchange;
  let view: HttpRequestView;
  try {
    view = nodeRequestView(req, { res, url: exchange.url, trustProxy: exchange.trustProxy, body });
  } catch {
    badRequest(res);
    return DONE;
  }
  let written: void | Promise<void>;
  try {
    const reply = serve(view, exchange.extras?.());
    written = isPromiseLike(reply)
      ? reply.then((settled) => writeReply(res, settled))
      : writeReply(res, reply);
  } catch (error) {
    failed(res, error, onError);
    return DONE;
  }
  return written ? written.then(undefined, (error: unknown) => failed(res, error, onError)) : DONE;
}

function badRequest(res: ServerResponse): void {
  if (!res.headersSent) res.writeHead(400, { "content-type": "application/json" }).end(BAD_REQUEST_BODY);
}

function failed(res: ServerResponse, error: unknown, onError: (error: Error) => void): void {
  onError(toError(error));
  if (res.headersSent) res.destroy();
  else res.writeHead(500, { "content-type": "application/json" }).end(INTERNAL_ERROR_BODY);
}

/** Writes a handler's reply: text in one `end`, a stream chunk by chunk (SSE flushed at once). */
function writeReply(res: ServerResponse, reply: HttpReply): void | Promise<void> {
  const { body } = reply;
  if (typeof body === "string" && canHaveBody(res, reply.status)) {
    // A known length: no chunked framing, and Node sends head and body in one write.
    const head: Array<string | number> = ["content-length", Buffer.byteLength(body)];
    for (const name in reply.headers) head.push(name, reply.headers[name]!);
    res.writeHead(reply.status, head as string[]);
    res.end(body);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  if (body === null || typeof body === "string" || !canHaveBody(res, reply.status)) {
    res.end();
    if (body !== null && typeof body !== "string") return body.cancel();
    return;
  }
  if (reply.headers["content-type"]?.startsWith("text/event-stream") === true) res.flushHeaders();
  return pipeBody(body, res);
}
