import type { JsonRpcMessage, RequestId } from "../../jsonrpc/index.js";
import type { EventStore, ReplayedStream } from "../../store/index.js";
import type { HttpReply } from "./exchange.js";
import { jsonResponse } from "./responses.js";
import { SseStream } from "./sse.js";

/** How one POST's reply is carried. */
export interface ReplyOptions {
  /** The request ids whose responses complete this reply (the channel makes its own Set of them). */
  readonly requestIds: readonly RequestId[];
  /** json: one JSON body; sse: an event stream; auto: JSON unless something precedes the response. */
  readonly mode: "json" | "sse" | "auto";
  /** The request was a (2025-03-26) batch: a JSON reply is an array. */
  readonly batch: boolean;
  /** Extra response headers (e.g. Mcp-Session-Id). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Legacy SSE streams are resumable: events are stored and carry ids; a priming event opens them. */
  readonly resumable?: { readonly store: EventStore; readonly streamId: string; readonly retryMs: number };
  /** The HTTP status of a JSON reply carrying this (error) response; default 200. */
  readonly statusOf?: (response: JsonRpcMessage) => number;
  /** The client went away before the reply was complete (2026-07-28: that cancels the request). */
  readonly onClientGone?: () => void;
  /** Every awaited response has been written. */
  readonly onDone?: () => void;
}

/** What a write taken synchronously returns: one shared, settled promise. */
const TAKEN = Promise.resolve();

/**
 * The reply to one POST: decides between a JSON body and an SSE stream, writes the request's
 * related messages and responses in order, and finishes once every awaited response is out.
 * A resumable stream keeps storing events after its connection closes (client drop or SEP-1699
 * polling), so a GET with Last-Event-ID can collect the rest.
 */
export class ReplyChannel {
  readonly response: Promise<HttpReply>;
  readonly #options: ReplyOptions;
  readonly #pending: Set<RequestId>;
  readonly #responses: JsonRpcMessage[] = [];
  #resolve!: (response: HttpReply) => void;
  #sse: SseStream | undefined;
  #decided = false;
  #done = false;
  #chain: Promise<void> = Promise.resolve();
  /** Chained tasks not finished yet; at 0 a JSON response is taken synchronously (the common case). */
  #queued = 0;

  constructor(options: ReplyOptions) {
    this.#options = options;
    this.#pending = new Set(options.requestIds);
    this.response = new Promise((resolve) => (this.#resolve = resolve));
    if (options.mode === "sse") void this.#enqueue(() => this.#openSse());
  }

  get done(): boolean {
    return this.#done;
  }

  get streamId(): string | undefined {
    return this.#options.resumable?.streamId;
  }

  /** True when this reply can carry a non-response message (it is, or may become, a stream). */
  get carriesMessages(): boolean {
    return !this.#done && this.#options.mode !== "json";
  }

  /** Writes a response or a related message; writes are applied in call order. */
  write(message: JsonRpcMessage): Promise<void> {
    if (this.#queued === 0 && this.#takeNow(message)) return TAKEN;
    return this.#enqueue(() => this.#write(message));
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    this.#queued++;
    this.#chain = this.#chain.then(task).finally(() => void this.#queued--);
    return this.#chain;
  }

  /**
   * What needs no stream: a response to a reply that is still JSON, or anything once done. True
   * when taken; false leaves the message untouched for the ordered, asynchronous path.
   */
  #takeNow(message: JsonRpcMessage): boolean {
    if (this.#done) return true;
    if (this.#decided || this.#options.mode === "sse") return false;
    const id = responseIdOf(message);
    if (id === undefined || !this.#pending.has(id)) return this.#options.mode === "json";
    this.#pending.delete(id);
    this.#responses.push(message);
    if (this.#pending.size === 0) this.#finishJson();
    return true;
  }

  async #write(message: JsonRpcMessage): Promise<void> {
    if (this.#takeNow(message)) return;
    // Not taken while undecided: an "auto" reply that must carry a message before its response.
    if (!this.#decided) await this.#openSse();
    const id = responseIdOf(message);
    if (id !== undefined) this.#pending.delete(id);
    await this.#emit(message);
    if (this.#pending.size === 0) this.#finishStream();
  }

  /** SEP-1699 polling: end the connection now; the client resumes with GET and Last-Event-ID. */
  closeConnection(): void {
    if (!this.#options.resumable || this.#options.mode === "json") return;
    void this.#enqueue(async () => {
      await this.#openSse(); // a reply still undecided becomes a stream first: its priming id is the resume point
      this.#sse?.close();
    });
  }

  /**
   * A resumed GET continues this stream: what the client missed after `lastEventId` is replayed,
   * then the rest follows live. Queued behind pending writes, so no event slips in between the
   * replay and the switch (an async store would otherwise lose or repeat events).
   */
  resume(sse: SseStream, lastEventId: string): Promise<void> {
    const resumable = this.#options.resumable;
    if (!resumable) return Promise.resolve();
    return this.#enqueue(async () => {
      let replay: ReplayedStream | undefined;
      try {
        replay = await resumable.store.replayAfter(lastEventId);
      } catch {
        sse.close(); // the store failed: the client may try again; the chain goes on
        return;
      }
      for (const event of replay?.events ?? [])
        if (event.message !== "") sse.send({ id: event.id, event: "message", data: event.message });
      if (!this.#done) {
        this.#sse = sse;
        return;
      }
      sse.close(); // answered while the client was away: the replay was the rest
      void resumable.store.dropStream(resumable.streamId);
    });
  }

  async #openSse(): Promise<void> {
    if (this.#decided) return;
    this.#decided = true;
    const sse = new SseStream(() => this.#options.onClientGone?.());
    this.#sse = sse;
    const resumable = this.#options.resumable;
    if (resumable) {
      // The priming event: an id to resume from before anything else was sent (SEP-1699).
      const id = await resumable.store.append(resumable.streamId, "");
      sse.send({ id, data: "", retry: resumable.retryMs });
    }
    this.#resolve(sse.toReply(this.#options.headers));
  }

  async #emit(message: JsonRpcMessage): Promise<void> {
    const data = JSON.stringify(message);
    const resumable = this.#options.resumable;
    const id = resumable ? await this.#store(resumable.store, resumable.streamId, data) : undefined;
    this.#sse?.send(id === undefined ? { event: "message", data } : { id, event: "message", data });
  }

  /** Stores an event; a failing store costs resumability of that event, never the live delivery. */
  async #store(store: EventStore, streamId: string, data: string): Promise<string | undefined> {
    try {
      return await store.append(streamId, data);
    } catch {
      return undefined;
    }
  }

  #finishJson(): void {
    this.#decided = true;
    this.#done = true;
    const first = this.#responses[0];
    const body = this.#options.batch ? this.#responses : first;
    const status =
      !this.#options.batch && first && this.#options.statusOf ? this.#options.statusOf(first) : 200;
    this.#resolve(jsonResponse(body, status, this.#options.headers));
    this.#options.onDone?.();
  }

  #finishStream(): void {
    this.#done = true;
    const delivered = this.#sse !== undefined && !this.#sse.closed;
    this.#sse?.close();
    const resumable = this.#options.resumable;
    // Keep the events of a stream whose client is away: it may still resume to collect them.
    if (resumable && delivered) void resumable.store.dropStream(resumable.streamId);
    this.#options.onDone?.();
  }
}

/** The id a response answers; undefined for requests, notifications and id-less errors. */
function responseIdOf(message: JsonRpcMessage): RequestId | undefined {
  return "id" in message && !("method" in message) && message.id !== null ? message.id : undefined;
}
