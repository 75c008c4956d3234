import type { IncomingMessage, ServerResponse } from "node:http";
import { linkedSignal } from "../http/server/linked-signal.js";

/** Options of {@link toRequest}. */
export interface ToRequestOptions {
  /** The response being written: `request.signal` aborts if the client leaves before it finished. */
  readonly res?: ServerResponse | undefined;
  /** Trust `X-Forwarded-Proto` and `X-Forwarded-Host` (only behind a proxy you control). Default false. */
  readonly trustProxy?: boolean | undefined;
  /** The absolute URL, when a framework already derived it (Express's `originalUrl`, Fastify). */
  readonly url?: string | undefined;
}

/** `duplex` is required by Node's fetch for streamed bodies but missing from the DOM typings. */
type StreamingRequestInit = RequestInit & { duplex?: "half" };

/**
 * A web `Request` for a Node request, without copies: headers straight from `rawHeaders`
 * (repeated ones kept, HTTP/2 pseudo headers skipped), the body as a stream read only on demand.
 * A body a framework already consumed (e.g. `express.json()`) is left out.
 *
 * @example
 * import { createServer } from "node:http";
 * import { toRequest } from "mcpkit/node";
 *
 * createServer((req, res) => {
 *   const request = toRequest(req, { res }); // request.signal aborts when the client leaves
 *   res.end(new URL(request.url).pathname);
 * });
 */
export function toRequest(req: IncomingMessage, options: ToRequestOptions = {}): Request {
  const headers = headersOf(req);
  const method = req.method ?? "GET";
  const init: StreamingRequestInit = { method, headers };
  let release: (() => void) | undefined;
  if (hasBody(req, method, headers)) {
    const stream = toBodyStream(req);
    init.body = stream.body;
    init.duplex = "half";
    release = stream.release;
  }
  const url = options.url ?? urlOf(req, headers, options.trustProxy === true);
  const res = options.res;
  if (res === undefined) return new Request(url, init);
  const request = new NodeRequest(url, init);
  // Not req "close": that fires once the body is read. The response closing unfinished means the client left.
  res.once("close", () => {
    release?.();
    if (!res.writableFinished) request.clientLeft();
  });
  return request;
}

/**
 * A Request whose signal is made on first use: following an init `signal` costs undici about
 * three times the Request itself, per request, whether or not the handler ever listens.
 * (A clone follows the original's own signal, not this one.)
 */
class NodeRequest extends Request {
  readonly #clientLeft = linkedSignal();

  override get signal(): AbortSignal {
    return this.#clientLeft.signal;
  }

  clientLeft(): void {
    this.#clientLeft.abort(undefined);
  }
}

/** The request headers from `rawHeaders`: repeated ones kept, HTTP/2 pseudo headers skipped. @internal */
export function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.charCodeAt(0) !== 58 /* ":" */) headers.append(name, raw[i + 1]!);
  }
  return headers;
}

function hasBody(req: IncomingMessage, method: string, headers: Headers): boolean {
  if (method === "GET" || method === "HEAD" || req.readableEnded) return false;
  if (req.httpVersionMajor >= 2) return true;
  const length = headers.get("content-length");
  return length === null ? headers.has("transfer-encoding") : length !== "0";
}

/** The absolute URL of a Node request (forwarded headers only when the proxy is trusted). @internal */
export function urlOf(req: IncomingMessage, headers: Headers, trustProxy: boolean): string {
  let protocol = (req.socket as { encrypted?: boolean } | null)?.encrypted === true ? "https" : "http";
  let host = headers.get("host") ?? (req.headers[":authority"] as string | undefined) ?? "localhost";
  if (trustProxy) {
    protocol = firstValue(headers.get("x-forwarded-proto")) ?? protocol;
    host = firstValue(headers.get("x-forwarded-host")) ?? host;
  }
  const target = req.url ?? "/";
  // Concatenate rather than resolve: a target like "//evil.example/x" must stay a path on this host.
  const path = target.startsWith("/") ? target : `/${target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\/?/i, "")}`;
  return `${protocol}://${host}${path}`;
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(",", 1)[0]?.trim();
  return value === "" ? undefined : value;
}

/**
 * The request body as a web stream. Listens only once read (so Node still drains a body nobody
 * reads) and keeps at most one chunk ahead of the reader by pausing the socket. `release` ends
 * it when the response is over, so an abandoned body never stalls a keep-alive connection.
 */
function toBodyStream(req: IncomingMessage): { body: ReadableStream<Uint8Array>; release: () => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let state: "idle" | "flowing" | "done" = "idle";
  const onData = (chunk: Uint8Array): void => {
    controller.enqueue(chunk);
    if ((controller.desiredSize ?? 0) < 0) req.pause();
  };
  const settle = (finish: () => void): void => {
    if (state === "done") return;
    state = "done";
    req.off("data", onData);
    finish();
  };
  const aborted = (): void => settle(() => controller.error(new Error("The request body was aborted")));
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      pull: () => {
        if (state === "idle") {
          state = "flowing";
          req.on("data", onData);
          req.once("end", () => settle(() => controller.close()));
          req.once("error", (error) => settle(() => controller.error(error)));
          req.once("close", aborted);
        }
        req.resume();
      },
      // Discard the rest, as Node does for unread bodies, so a response can still be sent.
      cancel: () => settle(() => req.resume()),
    },
    { highWaterMark: 0 },
  );
  return {
    body,
    release: () => {
      aborted();
      req.resume();
    },
  };
}
