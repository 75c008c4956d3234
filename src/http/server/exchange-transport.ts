import { SdkError, SdkErrorCode } from "../../jsonrpc/index.js";
import type { JsonRpcPayload } from "../../jsonrpc/index.js";
import type { MessageInfo, Transport, TransportHandlers } from "../../transport/index.js";
import type { ReplyChannel } from "./reply-channel.js";

/**
 * A transport for exactly one POST: it delivers the body once and writes everything sent back
 * to that POST's reply, then closes. Used for legacy requests in stateless mode (a 2026-07-28
 * request needs no transport: see serveModernExchange).
 */
export class ExchangeTransport implements Transport {
  readonly #payload: unknown;
  readonly #info: MessageInfo;
  readonly #reply: ReplyChannel;
  #handlers: TransportHandlers | undefined;
  #closed = false;

  constructor(payload: unknown, info: MessageInfo, reply: ReplyChannel) {
    this.#payload = payload;
    this.#info = info;
    this.#reply = reply;
  }

  start(handlers: TransportHandlers): Promise<void> {
    this.#handlers = handlers;
    queueMicrotask(() => handlers.onMessage(this.#payload, this.#info));
    return Promise.resolve();
  }

  send(payload: JsonRpcPayload): Promise<void> {
    if (this.#closed) return Promise.reject(new SdkError(SdkErrorCode.Closed, "The HTTP exchange is over"));
    if (!Array.isArray(payload)) return this.#reply.write(payload);
    return Promise.all(payload.map((message) => this.#reply.write(message))).then(() => undefined);
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#handlers?.onClose();
    }
    return Promise.resolve();
  }
}
