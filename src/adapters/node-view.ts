import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpRequestView } from "../http/server/exchange.js";
import { NodeHeaders } from "./node-headers.js";
import { urlOf } from "./node-request.js";

/** Options of {@link nodeRequestView}. */
export interface NodeViewOptions {
  readonly res: ServerResponse;
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
  return new NodeRequestView(req, options.res, url, headers);
}

/** A class rather than a literal with a getter, which V8 would build (closures, accessor) per request. */
class NodeRequestView implements HttpRequestView {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  #controller: AbortController | undefined;

  constructor(req: IncomingMessage, res: ServerResponse, url: string, headers: Headers) {
    this.method = req.method ?? "GET";
    this.url = url;
    this.headers = headers;
    this.#req = req;
    this.#res = res;
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

  readBody(maxBytes: number): Promise<string | undefined> {
    return readBody(this.#req, maxBytes);
  }
}

/** The body as UTF-8 text; past `maxBytes` the rest is discarded (not buffered) and the answer is undefined. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  // A framework already consumed the body (and did not hand it over): there is nothing left.
  if (req.readableEnded) return Promise.resolve("");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      req.resume(); // drain the rest unread, so the answer can still be sent on this connection
      resolve(undefined);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error("The request body was aborted"));
    };
    req.on("data", onData).once("end", onEnd).once("error", onError).once("close", onClose);
  });
}
