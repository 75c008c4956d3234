import { ErrorCode, SdkError, SdkErrorCode, errorResponse, notification } from "../../jsonrpc/index.js";
import type { JsonObject, JsonRpcMessage, JsonRpcRequest, JsonRpcResponse } from "../../jsonrpc/index.js";
import { InboundRequest } from "../../session/index.js";
import type { Outbound } from "../../session/index.js";
import type { MessageInfo } from "../../transport/index.js";
import { isPromiseLike } from "../../util/maybe-promise.js";
import type { MaybePromise } from "../../util/maybe-promise.js";
import type { HttpServable } from "./connectable.js";
import type { HttpReply, HttpRequestView } from "./exchange.js";
import { linkedSignal } from "./linked-signal.js";
import type { LinkedSignal } from "./linked-signal.js";
import { modernErrorStatus } from "./modern-headers.js";
import { ReplyChannel } from "./reply-channel.js";
import { jsonResponse } from "./responses.js";
import { toError } from "../../util/to-error.js";

const INTERNAL_ERROR = { code: ErrorCode.InternalError, message: "Internal error" };

/** The HTTP status of a JSON reply carrying this response (REVISIONS.md §1(c)). */
function statusOf(response: JsonRpcMessage): number {
  return "error" in response ? modernErrorStatus(response.error.code) : 200;
}

/**
 * Serves one 2026-07-28 POST on its own: no connection, session or transport, because the
 * request is the whole exchange. The reply is one JSON body unless the handler sends something
 * before its result (progress, a log), which turns it into an SSE stream; the channel that
 * streams is made only then. A handler that answers synchronously gets its reply synchronously.
 */
export function serveModernExchange(
  server: HttpServable,
  request: HttpRequestView,
  message: JsonRpcRequest,
  info: MessageInfo,
): MaybePromise<HttpReply> {
  const exchange = new ModernExchange(request, message, info);
  const answer = server.serveRequest(exchange.inbound);
  return isPromiseLike(answer) ? exchange.answerLater(answer) : exchange.answer(answer);
}

/**
 * The request's way back to its client while it runs (related notifications, never requests),
 * and what its handler learns of the HTTP request (it is the request's MessageInfo): one object
 * per POST. The abort signal is made only if someone reads it.
 */
class ModernExchange implements Outbound, MessageInfo {
  readonly inbound: InboundRequest;
  readonly headers?: Headers;
  readonly authInfo?: Readonly<Record<string, unknown>>;
  /** Follows the HTTP request (the client leaving early); aborted itself when the stream closes. */
  readonly #abort: LinkedSignal;
  #stream: ReplyChannel | undefined;
  /** Hands a stream opened while the answer is pending to the HTTP reply. */
  #onStream: ((reply: Promise<HttpReply>) => void) | undefined;
  #answered = false;

  constructor(request: HttpRequestView, message: JsonRpcRequest, info: MessageInfo) {
    this.#abort = linkedSignal(request);
    if (info.headers) this.headers = info.headers;
    if (info.authInfo) this.authInfo = info.authInfo;
    this.inbound = new InboundRequest(message, { info: this, inBatch: false, outbound: this });
  }

  /** Aborted when the client leaves: it closes the response stream, or the HTTP request ends early. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  notify(method: string, params: JsonObject | undefined): Promise<void> {
    // After the answer the exchange is over; a late notification has nowhere to go.
    if (this.#answered) return Promise.resolve();
    return this.#channel().write(notification(method, params));
  }

  request(): Promise<JsonObject> {
    return Promise.reject(
      new SdkError(SdkErrorCode.Protocol, "Servers send no requests to 2026-07-28 clients"),
    );
  }

  /** The reply carrying the response: JSON, or the end of the stream the handler opened. */
  answer(response: JsonRpcResponse): MaybePromise<HttpReply> {
    this.#answered = true;
    const stream = this.#stream;
    if (!stream)
      return jsonResponse(response, "error" in response ? modernErrorStatus(response.error.code) : 200);
    void stream.write(response);
    return stream.response;
  }

  /**
   * The reply to a pending answer: the stream, as soon as the handler opens one, else the JSON
   * response once known. Rejects (a bare 500 upstream) only when the server could not start.
   */
  answerLater(pending: PromiseLike<JsonRpcResponse>): Promise<HttpReply> {
    return new Promise<HttpReply>((resolve, reject) => {
      // The handler may have opened the stream before its first await.
      if (this.#stream) resolve(this.#stream.response);
      else this.#onStream = resolve;
      pending.then(
        (response) => resolve(this.answer(response)),
        (error: unknown) => {
          if (this.#stream) resolve(this.answer(errorResponse(this.inbound.id, INTERNAL_ERROR)));
          else reject(toError(error));
        },
      );
    });
  }

  #channel(): ReplyChannel {
    if (this.#stream) return this.#stream;
    const stream = new ReplyChannel({
      requestIds: [this.inbound.id],
      mode: "auto",
      batch: false,
      statusOf,
      // Closing the response stream is how a 2026-07-28 client cancels (no notifications/cancelled on HTTP).
      onClientGone: () => this.#clientGone(),
    });
    this.#stream = stream;
    this.#onStream?.(stream.response);
    return stream;
  }

  #clientGone(): void {
    const reason = new Error("The client closed the response stream");
    this.#abort.abort(reason);
    this.inbound.cancel(reason);
  }
}
