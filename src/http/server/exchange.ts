import type { MaybePromise } from "../../util/maybe-promise.js";

/**
 * What the MCP handler reads of an HTTP request. A web Request provides it through
 * {@link viewOfRequest}; the Node adapter provides it straight from `IncomingMessage`, because
 * making a web Request and Response costs Node 20 more than everything else a call does.
 */
export interface HttpRequestView {
  readonly method: string;
  /** The absolute URL. */
  readonly url: string;
  readonly headers: Headers;
  /** Aborted when the client goes away before the answer is complete. Made on first read. */
  readonly signal: AbortSignal;
  /**
   * The body as text, or undefined once it passes `maxBytes` (reading stops there). Synchronous
   * when the body was already read (the Node adapter reads small bodies before dispatch).
   */
  readBody(maxBytes: number): MaybePromise<string | undefined>;
}

/** The handler's answer before it becomes a web Response (or is written to a Node response). */
export interface HttpReply {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Text (JSON), a stream (SSE), or nothing. */
  readonly body: string | ReadableStream<Uint8Array> | null;
}

/** A web Request seen as an {@link HttpRequestView}; nothing is copied. */
export function viewOfRequest(request: Request): HttpRequestView {
  return new RequestView(request);
}

/** A class rather than a literal with a getter, which V8 would build (closures, accessor) per request. */
class RequestView implements HttpRequestView {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly #request: Request;

  constructor(request: Request) {
    this.method = request.method;
    this.url = request.url;
    this.headers = request.headers;
    this.#request = request;
  }

  get signal(): AbortSignal {
    return this.#request.signal;
  }

  readBody(maxBytes: number): Promise<string | undefined> {
    return readStreamText(this.#request.body, maxBytes);
  }
}

/** An {@link HttpReply} as a web Response. */
export function toResponse(reply: HttpReply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

/** Reads a byte stream as UTF-8 text up to `maxBytes`; past it, cancels the stream and yields undefined. */
export async function readStreamText(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<string | undefined> {
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}
