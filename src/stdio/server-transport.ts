import { SdkError, SdkErrorCode, errorResponse } from "../jsonrpc/index.js";
import type { JsonRpcPayload } from "../jsonrpc/index.js";
import type { Transport, TransportHandlers } from "../transport/index.js";
import type { LineSplitter } from "../util/line-splitter.js";
import { guardConsole } from "./console-guard.js";
import { toError } from "../util/to-error.js";
import { DEFAULT_MAX_LINE_BYTES, createJsonLineReader } from "./json-lines.js";
import type { InvalidLine } from "./json-lines.js";
import { LineWriter } from "./line-writer.js";

/** Options of {@link createStdioServerTransport}. */
export interface StdioServerTransportOptions {
  /** Where messages come from. Default: `process.stdin`. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Where messages go. Default: `process.stdout`. */
  readonly stdout?: NodeJS.WritableStream;
  /** Longest accepted line in bytes; longer ones get a -32700 answer and are skipped. Default 4 MiB. */
  readonly maxLineBytes?: number;
  /**
   * While started, send `console.log/info/debug/dir/dirxml/table` to stderr so stray output cannot
   * corrupt the protocol stream. Only applies when `stdout` is `process.stdout`; direct
   * `process.stdout.write` calls are not intercepted. Default true.
   */
  readonly guardConsole?: boolean;
}

class StdioServerTransport implements Transport {
  readonly #stdin: NodeJS.ReadableStream;
  readonly #stdout: NodeJS.WritableStream;
  readonly #guardConsole: boolean;
  readonly #writer: LineWriter;
  readonly #reader: LineSplitter;
  #handlers: TransportHandlers | undefined;
  #closing: Promise<void> | undefined;
  #restoreConsole: (() => void) | undefined;

  constructor(options: StdioServerTransportOptions) {
    this.#stdin = options.stdin ?? process.stdin;
    this.#stdout = options.stdout ?? process.stdout;
    this.#guardConsole = options.guardConsole ?? true;
    this.#writer = new LineWriter(this.#stdout);
    this.#reader = createJsonLineReader(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, {
      onMessage: (value) => this.#deliver(value),
      onInvalid: (invalid) => this.#answerInvalid(invalid),
    });
  }

  start(handlers: TransportHandlers): Promise<void> {
    if (this.#handlers) {
      return Promise.reject(new SdkError(SdkErrorCode.AlreadyConnected, "Transport already started"));
    }
    if (this.#closing) return Promise.reject(new SdkError(SdkErrorCode.Closed, "Stdio transport is closed"));
    this.#handlers = handlers;
    if (this.#guardConsole && this.#stdout === process.stdout) this.#restoreConsole = guardConsole();
    this.#stdout.on("error", this.#onStdoutError);
    this.#stdout.on("close", this.#onStdoutClose);
    this.#stdin.on("data", this.#onData);
    this.#stdin.on("end", this.#onEnd);
    this.#stdin.on("close", this.#onEnd);
    this.#stdin.on("error", this.#onStdinError);
    this.#stdin.resume();
    return Promise.resolve();
  }

  send(payload: JsonRpcPayload): Promise<void> {
    if (!this.#handlers) {
      return Promise.reject(new SdkError(SdkErrorCode.NotConnected, "Transport not started"));
    }
    return this.#writer.write(payload);
  }

  close(): Promise<void> {
    return (this.#closing ??= this.#shutdown());
  }

  async #shutdown(): Promise<void> {
    this.#stopReading();
    await this.#writer.end();
    this.#stdout.removeListener("error", this.#onStdoutError);
    this.#stdout.removeListener("close", this.#onStdoutClose);
    this.#handlers?.onClose();
  }

  #stopReading(): void {
    this.#restoreConsole?.();
    this.#restoreConsole = undefined;
    if (!this.#handlers) return;
    this.#stdin.removeListener("data", this.#onData);
    this.#stdin.removeListener("end", this.#onEnd);
    this.#stdin.removeListener("close", this.#onEnd);
    this.#stdin.removeListener("error", this.#onStdinError);
    // Paused, process.stdin no longer holds the event loop open.
    this.#stdin.pause();
  }

  #deliver(value: unknown): void {
    const handlers = this.#handlers;
    if (!handlers || this.#closing) return;
    try {
      handlers.onMessage(value);
    } catch (error) {
      handlers.onError(toError(error));
    }
  }

  /** JSON-RPC 2.0 §5.1: a parse error is answered with id null; then the next line is served. */
  #answerInvalid(invalid: InvalidLine): void {
    if (this.#closing) return;
    this.#writer.write(errorResponse(null, invalid.wire)).catch(() => {});
    this.#handlers?.onError(invalid.error);
  }

  readonly #onData = (chunk: Uint8Array | string): void => {
    this.#reader.push(chunk);
  };

  readonly #onEnd = (): void => {
    if (this.#closing) return;
    this.#reader.end();
    void this.close();
  };

  readonly #onStdinError = (error: Error): void => {
    this.#fail(new SdkError(SdkErrorCode.Transport, `stdin failed: ${error.message}`, { cause: error }));
  };

  readonly #onStdoutError = (error: Error): void => {
    // EPIPE is the client going away, an ordinary end; anything else is worth reporting.
    const report = (error as NodeJS.ErrnoException).code !== "EPIPE";
    const failure = new SdkError(SdkErrorCode.Transport, `stdout failed: ${error.message}`, { cause: error });
    this.#fail(failure, report);
  };

  /** Destroyed without an error: nothing will ever drain, so pending sends must not wait. */
  readonly #onStdoutClose = (): void => {
    this.#fail(new SdkError(SdkErrorCode.Transport, "stdout closed"), false);
  };

  #fail(error: SdkError, report = true): void {
    if (this.#closing) return;
    this.#writer.fail(new SdkError(SdkErrorCode.Closed, "Stdio transport is closed", { cause: error }));
    if (report) this.#handlers?.onError(error);
    void this.close();
  }
}

/**
 * The server side of the stdio transport: newline-delimited JSON-RPC on stdin/stdout. Writes made in
 * the same event-loop turn go out as one `write`. When stdin ends (or a pipe breaks) the transport
 * closes and calls `onClose`; it never exits the process: whoever owns the process decides that.
 *
 * @example
 * const transport = createStdioServerTransport();
 * await transport.start({
 *   onMessage: (message) => void transport.send({ jsonrpc: "2.0", method: "echo", params: { message } }),
 *   onClose: () => process.exit(0),
 *   onError: (error) => console.error(error),
 * });
 */
export function createStdioServerTransport(options: StdioServerTransportOptions = {}): Transport {
  return new StdioServerTransport(options);
}
