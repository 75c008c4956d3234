import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRequestView } from "../http/server/exchange.js";
import { NodeHeaders } from "./node-headers.js";
import { urlOf } from "./node-request.js";

/** Options of {@link nodeRequestView}. */
export interface NodeViewOptions {
  readonly res: ServerResponse;
  /** The whole body, when it was read before the view was made (see readSmallBody). */
  readonly body?: ReadBody | undefined;
  readonly url?: string | undefined;
  readonly trustProxy?: boolean | undefined;
}

/**
 * A Node request as the MCP handler reads it, with no web Request in between: the headers once,
 * the body read straight from the socket into text, the abort signal made only if someone asks.
 */
export function nodeRequestView(req: IncomingMessage, options: NodeViewOptions): HttpRequestView {
  const headers = new NodeHeaders(req.headers);
  const url = options.url ?? urlOf(req, headers, options.trustProxy === true);
  return new NodeRequestView(req, options.res, url, headers, options.body);
}

/** A body read in full: its text and its size in bytes (the handler's cap is in bytes). */
export interface ReadBody {
  readonly text: string;
  readonly bytes: number;
}

/** Bodies read before dispatch declare a length up to this; larger or unsized ones stream in. */
const SMALL_BODY_BYTES = 64 * 1024;

/**
 * Reads the body first when it is small and its length declared, as nearly every MCP request's
 * is: then the handler gets it synchronously, and the whole exchange, from its last byte in to
 * the reply out, runs in the socket's read callback instead of across promise turns. Calls
 * `onBody` with it, or returns false (nothing read) when the body should stream in instead.
 * A request that ends before its body does calls `onGone`: there is nobody left to answer.
 */
export function readSmallBody(
  req: IncomingMessage,
  onBody: (body: ReadBody) => void,
  onGone: () => void,
): boolean {
  const declared = Number(req.headers["content-length"]);
  if (!(declared > 0 && declared <= SMALL_BODY_BYTES) || req.readableEnded) return false;
  // Node's parser delivers exactly the declared length, so the cap is never passed here.
  collectBody(req, SMALL_BODY_BYTES, (body) => (body ? onBody(body) : onGone()), onGone);
  return true;
}

/**
 * Collects a body up to `maxBytes`: `onEnd` with it, or with undefined as soon as the cap is
 * passed (the listener stays and drops the rest, so it drains and the answer can still go out
 * on this connection); `onGone` when the request closes first, the client having left. Plain
 * listeners, never removed (they go with the request), guarded by one flag: `once` wrappers and
 * removals cost more. No 'error' listener: an IncomingMessage emits 'error' only to listeners,
 * and 'close' follows either way.
 */
function collectBody(
  req: IncomingMessage,
  maxBytes: number,
  onEnd: (body: ReadBody | undefined) => void,
  onGone: () => void,
): void {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let settled = false;
  req.on("data", (chunk: Buffer) => {
    if (settled) return;
    bytes += chunk.length;
    if (bytes <= maxBytes) {
      chunks.push(chunk);
      return;
    }
    settled = true;
    chunks.length = 0;
    onEnd(undefined);
  });
  req.on("end", () => {
    if (settled) return;
    settled = true;
    const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
    onEnd({ text, bytes });
  });
  // 'close' comes after 'end' on a complete request; before it, the client went away.
  req.on("close", () => {
    if (settled) return;
    settled = true;
    onGone();
  });
}

/** A class rather than a literal with a getter, which V8 would build (closures, accessor) per request. */
class NodeRequestView implements HttpRequestView {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #body: ReadBody | undefined;
  #controller: AbortController | undefined;

  constructor(
    req: IncomingMessage,
    res: ServerResponse,
    url: string,
    headers: Headers,
    body: ReadBody | undefined,
  ) {
    this.method = req.method ?? "GET";
    this.url = url;
    this.headers = headers;
    this.#req = req;
    this.#res = res;
    this.#body = body;
  }

  /**
   * Made on first read, and only then listening: most requests end without anyone asking. Not
   * req "close", which fires once the body is read: the response closing unfinished means the
   * client left, and a response already closed tells that by its state.
   */
  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const controller = (this.#controller = new AbortController());
    const res = this.#res;
    if (res.destroyed) {
      if (!res.writableFinished) controller.abort(undefined);
    } else {
      res.once("close", () => {
        if (!res.writableFinished) controller.abort(undefined);
      });
    }
    return controller.signal;
  }

  readBody(maxBytes: number): string | undefined | Promise<string | undefined> {
    const body = this.#body;
    if (body) return body.bytes > maxBytes ? undefined : body.text;
    return readBody(this.#req, maxBytes);
  }
}

/** The body as UTF-8 text, read as it streams in; past `maxBytes` the answer is undefined. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  // A framework already consumed the body (and did not hand it over): there is nothing left.
  if (req.readableEnded) return Promise.resolve("");
  return new Promise((resolve, reject) =>
    collectBody(
      req,
      maxBytes,
      (body) => resolve(body?.text),
      () => reject(new Error("The request body was aborted")),
    ),
  );
}
