import { ErrorCode, SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import type { JsonRpcErrorObject } from "../jsonrpc/index.js";
import { createLineSplitter } from "../util/line-splitter.js";
import type { LineSplitter } from "../util/line-splitter.js";

/** 4 MiB: far above any sane message, small enough that a runaway peer cannot exhaust memory. */
export const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

/** A line that did not become a message: the error to answer with and the error to report locally. */
export interface InvalidLine {
  readonly wire: JsonRpcErrorObject;
  readonly error: SdkError;
}

/** Callbacks of {@link createJsonLineReader}. */
export interface JsonLineHandlers {
  /** A parsed JSON value (object, array for a batch, or any other JSON the session will reject). */
  onMessage(value: unknown): void;
  /** A line that is not JSON, or one longer than the cap. */
  onInvalid(invalid: InvalidLine): void;
}

const PARSE_ERROR: JsonRpcErrorObject = { code: ErrorCode.ParseError, message: "Parse error" };

/**
 * Newline-delimited JSON decoding shared by both stdio transports: split, cap, `JSON.parse`.
 * Internal; validation of the parsed value is the session's job.
 *
 * @example
 * const reader = createJsonLineReader(DEFAULT_MAX_LINE_BYTES, { onMessage: console.log, onInvalid: console.error });
 * process.stdin.on("data", (chunk: Buffer) => reader.push(chunk));
 */
export function createJsonLineReader(maxLineBytes: number, handlers: JsonLineHandlers): LineSplitter {
  const overflowWire = {
    code: ErrorCode.ParseError,
    message: `Parse error: line exceeds ${maxLineBytes} bytes`,
  };
  return createLineSplitter({
    maxLineBytes,
    onLine(line) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        handlers.onInvalid({
          wire: PARSE_ERROR,
          error: new SdkError(SdkErrorCode.Protocol, `Received a line that is not JSON: ${reason}`, {
            cause,
          }),
        });
        return;
      }
      handlers.onMessage(value);
    },
    onOverflow() {
      const error = new SdkError(
        SdkErrorCode.Protocol,
        `Received a line over ${maxLineBytes} bytes; skipped it`,
      );
      handlers.onInvalid({ wire: overflowWire, error });
    },
  });
}
