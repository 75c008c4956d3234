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

/**
 * The body as UTF-8 text; past `maxBytes` the rest is discarded (not buffered) and the answer is
 * undefined. Plain listeners, never removed: they go with the request, and `once` wrappers and
 * removals cost more than the settled guard.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  // A framework already consumed the body (and did not hand it over): there is nothing left.
  if (req.readableEnded) return Promise.resolve("");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // Past the cap the listener stays and drops what comes, so the rest is drained and the
    // answer can still be sent on this connection.
    req.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      settled = true;
      chunks.length = 0;
      resolve(undefined);
    });
    req.on("end", () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    // 'close' comes after 'end' on a complete request; before it, the client went away.
    req.on("close", () => {
      if (settled) return;
      settled = true;
      reject(new Error("The request body was aborted"));
    });
  });
}
