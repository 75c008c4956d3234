import { SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import type { JsonRpcPayload } from "../jsonrpc/index.js";

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Writes newline-delimited JSON to a Node stream, coalescing every message sent in the same turn of
 * the event loop into one `write` (one syscall instead of one per message). Order is kept, and while
 * the stream is backpressured new messages wait for 'drain'. Internal to the stdio transports.
 *
 * @example
 * const writer = new LineWriter(process.stdout);
 * await Promise.all([writer.write(notification("a")), writer.write(notification("b"))]); // one write
 */
export class LineWriter {
  readonly #stream: NodeJS.WritableStream;
  #batch: string[] = [];
  /** Settles when the current batch is handed to the stream; shared by the batch's senders. */
  #batchDone: Deferred | undefined;
  /** The batch the stream refused (write returned false); it settles on 'drain'. */
  #draining: Deferred | undefined;
  #flushTimer: ReturnType<typeof setImmediate> | undefined;
  #stopped: SdkError | undefined;

  constructor(stream: NodeJS.WritableStream) {
    this.#stream = stream;
  }

  /** Queues one message or batch; resolves once it is handed to the stream. */
  write(payload: JsonRpcPayload): Promise<void> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    // unknown: JSON.stringify(undefined) is undefined at runtime, whatever its declared type says.
    let line: unknown;
    try {
      line = JSON.stringify(payload);
    } catch (cause) {
      return Promise.reject(new SdkError(SdkErrorCode.Transport, "Message cannot be serialised", { cause }));
    }
    if (typeof line !== "string") {
      return Promise.reject(new SdkError(SdkErrorCode.Transport, "Message cannot be serialised"));
    }
    this.#batch.push(line);
    this.#batchDone ??= deferred();
    // setImmediate runs after the current I/O phase, so replies to one read share one write.
    if (!this.#flushTimer && !this.#draining) this.#flushTimer = setImmediate(this.#flush);
    return this.#batchDone.promise;
  }

  /**
   * Hands pending messages to the stream now, even if backpressured, and refuses new ones. Resolves
   * once everything is flushed or the stream failed; each pending send settles by its own outcome.
   */
  end(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#stopped = new SdkError(SdkErrorCode.Closed, "Transport is closed");
    if (this.#flushTimer) clearImmediate(this.#flushTimer);
    this.#flushTimer = undefined;
    const batch = this.#take();
    if (!batch) return this.#draining ? this.#draining.promise.catch(() => {}) : Promise.resolve();
    return new Promise((resolve) => {
      this.#stream.write(batch.data, (cause) => {
        if (cause) batch.done.reject(new SdkError(SdkErrorCode.Closed, "Transport is closed", { cause }));
        else batch.done.resolve();
        resolve();
      });
    });
  }

  /** The stream is unusable: rejects every pending and future message with `error`. */
  fail(error: SdkError): void {
    // Also after end(): a batch still waiting for 'drain' must not wait forever.
    this.#stopped ??= error;
    this.#cancelFlush();
    this.#draining?.reject(error);
    this.#draining = undefined;
    this.#take()?.done.reject(error);
  }

  readonly #flush = (): void => {
    this.#flushTimer = undefined;
    const batch = this.#take();
    if (!batch) return;
    if (this.#stream.write(batch.data)) {
      batch.done.resolve();
      return;
    }
    this.#draining = batch.done;
    this.#stream.once("drain", this.#onDrain);
  };

  readonly #onDrain = (): void => {
    const done = this.#draining;
    if (!done) return;
    this.#draining = undefined;
    done.resolve();
    this.#flush();
  };

  #take(): { data: string; done: Deferred } | undefined {
    const done = this.#batchDone;
    if (!done) return undefined;
    const data = this.#batch.length === 1 ? `${this.#batch[0]}\n` : `${this.#batch.join("\n")}\n`;
    this.#batch = [];
    this.#batchDone = undefined;
    return { data, done };
  }

  #cancelFlush(): void {
    if (this.#flushTimer) clearImmediate(this.#flushTimer);
    this.#flushTimer = undefined;
    this.#stream.removeListener("drain", this.#onDrain);
  }
}
