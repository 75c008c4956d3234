import type { HttpReply } from "./exchange.js";

/** One server-sent event. */
export interface SseEvent {
  readonly id?: string;
  readonly event?: string;
  readonly data: string;
  /** Reconnection delay the client must honour (SEP-1699 polling). */
  readonly retry?: number;
}

const encoder = new TextEncoder();

/** The wire form of an event: each data line prefixed, a blank line at the end. */
export function encodeSseEvent(event: SseEvent): Uint8Array {
  let text = "";
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  if (event.retry !== undefined) text += `retry: ${event.retry}\n`;
  text += event.data.includes("\n")
    ? event.data
        .split("\n")
        .map((line) => `data: ${line}\n`)
        .join("")
    : `data: ${event.data}\n`;
  return encoder.encode(`${text}\n`);
}

/** Headers of every SSE response; X-Accel-Buffering keeps proxies (nginx) from holding events back. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

/** Bytes a slow client may leave unread before its stream is dropped. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;

/**
 * A live SSE body: events are enqueued as they happen; `onCancel` runs when the client goes away
 * (the body is cancelled) — for 2026-07-28 that is the cancellation signal of the request.
 */
export class SseStream {
  readonly body: ReadableStream<Uint8Array>;
  #controller!: ReadableStreamDefaultController<Uint8Array>;
  #closed = false;
  #onCancel: (() => void) | undefined;

  constructor(onCancel?: () => void) {
    this.#onCancel = onCancel;
    this.body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        cancel: () => {
          this.#closed = true;
          this.#onCancel?.();
        },
      },
      { highWaterMark: MAX_QUEUED_BYTES, size: (chunk) => chunk.byteLength },
    );
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Writes an event; false when the stream is closed (or dropped for being too far behind). */
  send(event: SseEvent): boolean {
    if (this.#closed) return false;
    if ((this.#controller.desiredSize ?? 0) < 0) {
      this.#controller.error(new Error("SSE client too slow; stream dropped"));
      this.#closed = true;
      this.#onCancel?.();
      return false;
    }
    this.#controller.enqueue(encodeSseEvent(event));
    return true;
  }

  /** A comment line, ignored by clients: keeps idle connections (and proxies) alive. */
  keepAlive(): void {
    if (!this.#closed) this.#controller.enqueue(encoder.encode(": keep-alive\n\n"));
  }

  /** Ends the stream normally. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#controller.close();
  }

  /** The answer carrying this stream (extra headers: lower-case names). */
  toReply(headers?: Readonly<Record<string, string>>): HttpReply {
    return { status: 200, headers: headers ? { ...headers, ...SSE_HEADERS } : SSE_HEADERS, body: this.body };
  }
}
