import { SdkError, SdkErrorCode } from "../../jsonrpc/index.js";
import type { JsonRpcMessage, JsonRpcPayload, RequestId } from "../../jsonrpc/index.js";
import type { MessageInfo, SendOptions, Transport, TransportHandlers } from "../../transport/index.js";
import type { EventStore } from "../../store/index.js";
import type { ReplyChannel } from "./reply-channel.js";
import type { SseStream } from "./sse.js";

/** Messages kept for a standalone GET stream that is not open yet; beyond this they are dropped. */
const MAX_QUEUED = 64;

/**
 * The transport of one legacy Streamable HTTP session: many POSTs and one standalone GET stream
 * share it. Each outbound message goes to exactly one place (the spec forbids broadcasting):
 * a response to the POST that asked, a related message to that POST's stream while it is open,
 * anything else to the GET stream (queued briefly until one opens).
 */
export class SessionTransport implements Transport {
  // An idle session holds one small object: what most sessions never need is made on demand (the
  // queue, the stream id), and a request's reply sits in two fields, a Map only while several are open.
  #replyId: RequestId | undefined;
  #reply: ReplyChannel | undefined;
  #moreReplies: Map<RequestId, ReplyChannel> | undefined;
  #queue: JsonRpcMessage[] | undefined;
  readonly #store: EventStore | undefined;
  readonly #sessionId: string;
  #standalone: SseStream | undefined;
  #handlers: TransportHandlers | undefined;
  #closed = false;
  readonly #onClosed: (() => void) | undefined;

  /** `onClosed` runs once when the transport closes (the session table forgets the session). */
  constructor(sessionId: string, store: EventStore | undefined, onClosed?: () => void) {
    this.#store = store;
    this.#sessionId = sessionId;
    this.#onClosed = onClosed;
  }

  start(handlers: TransportHandlers): Promise<void> {
    this.#handlers = handlers;
    return Promise.resolve();
  }

  /** Hands one POST's body to the session; its requests will be answered on `reply`. */
  deliver(
    payload: unknown,
    info: MessageInfo,
    reply: ReplyChannel | undefined,
    requestIds: Iterable<RequestId>,
  ): void {
    if (reply) for (const id of requestIds) this.#setReply(id, reply);
    this.#handlers?.onMessage(payload, info);
  }

  /** True while a request with this id is being answered (duplicate ids are refused). */
  isPending(id: RequestId): boolean {
    return this.#replyFor(id) !== undefined;
  }

  get standaloneOpen(): boolean {
    return this.#standalone !== undefined && !this.#standalone.closed;
  }

  /** The standalone GET stream opened (or resumed); queued messages go out first. */
  async openStandalone(sse: SseStream): Promise<void> {
    this.#standalone = sse;
    const queued = this.#queue;
    this.#queue = undefined;
    for (const message of queued ?? []) await this.#toStandalone(message);
  }

  get standaloneStreamId(): string {
    return `${this.#sessionId}-get`;
  }

  async send(payload: JsonRpcPayload, options?: SendOptions): Promise<void> {
    if (this.#closed) throw new SdkError(SdkErrorCode.Closed, "Session is closed");
    for (const message of Array.isArray(payload) ? payload : [payload]) await this.#route(message, options);
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#standalone?.close();
      this.#onClosed?.();
      this.#handlers?.onClose();
    }
    return Promise.resolve();
  }

  async #route(message: JsonRpcMessage, options: SendOptions | undefined): Promise<void> {
    const isResponse = !("method" in message) && "id" in message && message.id !== null;
    if (isResponse) {
      const reply = this.#takeReply(message.id as RequestId);
      if (reply) return reply.write(message);
      return;
    }
    const related =
      options?.relatedRequestId === undefined ? undefined : this.#replyFor(options.relatedRequestId);
    if (related?.carriesMessages) return related.write(message);
    return this.#toStandalone(message);
  }

  async #toStandalone(message: JsonRpcMessage): Promise<void> {
    const sse = this.#standalone;
    if (!sse || sse.closed) {
      const queue = (this.#queue ??= []);
      if (queue.length < MAX_QUEUED) queue.push(message);
      return;
    }
    const data = JSON.stringify(message);
    const id = this.#store ? await this.#store.append(this.standaloneStreamId, data) : undefined;
    sse.send(id === undefined ? { event: "message", data } : { id, event: "message", data });
  }

  #setReply(id: RequestId, reply: ReplyChannel): void {
    if (this.#reply === undefined || this.#replyId === id) {
      this.#replyId = id;
      this.#reply = reply;
      if (this.#moreReplies?.delete(id) && this.#moreReplies.size === 0) this.#moreReplies = undefined;
    } else {
      (this.#moreReplies ??= new Map()).set(id, reply);
    }
  }

  #replyFor(id: RequestId): ReplyChannel | undefined {
    return this.#reply !== undefined && this.#replyId === id ? this.#reply : this.#moreReplies?.get(id);
  }

  /** The reply channel of request `id`, forgotten here: each request is answered once. */
  #takeReply(id: RequestId): ReplyChannel | undefined {
    if (this.#reply !== undefined && this.#replyId === id) {
      const reply = this.#reply;
      this.#reply = undefined;
      this.#replyId = undefined;
      return reply;
    }
    const more = this.#moreReplies;
    const reply = more?.get(id);
    if (reply && more) {
      more.delete(id);
      if (more.size === 0) this.#moreReplies = undefined;
    }
    return reply;
  }
}
