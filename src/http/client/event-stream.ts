import { SdkError, SdkErrorCode, isJsonRpcResponse } from "../../jsonrpc/index.js";
import type { RequestId } from "../../jsonrpc/index.js";
import type { Reconnect } from "./options.js";
import { createSseParser } from "./sse-parser.js";
import type { SseEvent, SseParser } from "./sse-parser.js";

/** What the pieces of an HTTP client transport share with the transport that owns them. */
export interface ClientContext {
  readonly reconnect: Reconnect;
  /** Hands an inbound message (or an array of them) to the session, one message at a time. */
  readonly deliver: (payload: unknown) => void;
  /** A non-fatal problem for onError. */
  readonly report: (error: Error) => void;
  /** A GET on the endpoint with the session headers: the standalone stream, or a resumption. */
  readonly get: (lastEventId: string | undefined, signal: AbortSignal) => Promise<Response>;
}

/** How reading one connection's body finished. */
export interface ReadOutcome {
  /** ended: the server closed the stream; stopped: `until` said so; failed: the connection broke. */
  readonly outcome: "ended" | "stopped" | "failed";
  /** Events dispatched during this connection. */
  readonly events: number;
  readonly error?: unknown;
}

/**
 * One logical SSE stream, possibly spread over several connections (resumption): the parser
 * state, the last event id and the server's `retry` survive from one connection to the next.
 */
export class SseReader {
  readonly #parser: SseParser;
  #events = 0;

  constructor(onEvent: (event: SseEvent) => void) {
    this.#parser = createSseParser((event) => {
      this.#events++;
      onEvent(event);
    });
  }

  get lastEventId(): string {
    return this.#parser.lastEventId;
  }

  get retry(): number | undefined {
    return this.#parser.retry;
  }

  /** Reads one connection's body until it ends, breaks or `until()` holds. Never throws. */
  async read(body: ReadableStream<Uint8Array>, until: () => boolean): Promise<ReadOutcome> {
    const reader = body.getReader();
    const before = this.#events;
    const result = (outcome: ReadOutcome["outcome"], error?: unknown): ReadOutcome =>
      error === undefined
        ? { outcome, events: this.#events - before }
        : { outcome, events: this.#events - before, error };
    try {
      for (;;) {
        if (until()) {
          reader.cancel().catch(() => undefined);
          return result("stopped");
        }
        const { done, value } = await reader.read();
        if (done) return result("ended");
        this.#parser.push(value);
      }
    } catch (error) {
      reader.cancel(error).catch(() => undefined);
      return result("failed", error);
    } finally {
      this.#parser.end();
    }
  }
}

/**
 * The JSON-RPC payload of a `message` event, or undefined for other events, priming events
 * (empty data) and data that is not JSON (reported).
 */
export function messageOf(event: SseEvent, report: (error: Error) => void): unknown {
  if (event.event !== "message" || event.data === "") return undefined;
  try {
    return JSON.parse(event.data) as unknown;
  } catch (error) {
    report(new SdkError(SdkErrorCode.Protocol, "An SSE message event is not JSON", { cause: error }));
    return undefined;
  }
}

/** Removes from `awaited` the ids of the responses in a payload. */
export function markAnswered(payload: unknown, awaited: Set<RequestId>): void {
  for (const message of Array.isArray(payload) ? (payload as unknown[]) : [payload]) {
    if (isJsonRpcResponse(message) && message.id !== null) awaited.delete(message.id);
  }
}
