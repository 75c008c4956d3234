/*
 * Incremental newline framing with a size cap, on bytes (web APIs only). Lines are decoded once they
 * are complete, so a UTF-8 character split across chunks is never mangled, and a newline byte (0x0A)
 * can never occur inside a multi-byte UTF-8 sequence, so searching bytes for it is exact.
 */

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Options of {@link createLineSplitter}. */
export interface LineSplitterOptions {
  /** Largest accepted line in bytes, counted without its `\n`. A longer line is dropped and reported. */
  readonly maxLineBytes: number;
  /** A complete, non-empty line, without its `\n` or a trailing `\r`. */
  readonly onLine: (line: string) => void;
  /** The current line passed `maxLineBytes`; its bytes are discarded up to the next newline. */
  readonly onOverflow: () => void;
}

/** Splits a stream of chunks into lines. Callbacks run synchronously inside `push` and `end`. */
export interface LineSplitter {
  /** Feeds a chunk. Bytes are kept by reference until their line completes: do not mutate them. */
  push(chunk: Uint8Array | string): void;
  /** The stream ended: a final line without a newline is delivered, then the state is reset. */
  end(): void;
}

class Splitter implements LineSplitter {
  readonly #max: number;
  readonly #onLine: (line: string) => void;
  readonly #onOverflow: () => void;
  /** Pieces of the unfinished line; joined once when its newline arrives (no repeated copying). */
  #pieces: Uint8Array[] = [];
  #pendingBytes = 0;
  /** True after an overflow until the newline that ends the oversized line. */
  #discarding = false;

  constructor(options: LineSplitterOptions) {
    if (!Number.isSafeInteger(options.maxLineBytes) || options.maxLineBytes < 1) {
      throw new RangeError(`maxLineBytes must be a positive integer, got ${options.maxLineBytes}`);
    }
    this.#max = options.maxLineBytes;
    this.#onLine = options.onLine;
    this.#onOverflow = options.onOverflow;
  }

  push(chunk: Uint8Array | string): void {
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    let start = 0;
    for (;;) {
      const newline = bytes.indexOf(NEWLINE, start);
      if (newline === -1) break;
      this.#completeLine(bytes, start, newline);
      start = newline + 1;
    }
    if (start < bytes.length) this.#keep(start === 0 ? bytes : bytes.subarray(start));
  }

  end(): void {
    if (this.#discarding) this.#discarding = false;
    else if (this.#pendingBytes > 0) this.#completeLine(new Uint8Array(0), 0, 0);
  }

  #keep(tail: Uint8Array): void {
    if (this.#discarding) return;
    if (this.#pendingBytes + tail.length > this.#max) {
      this.#reset();
      this.#discarding = true;
      this.#onOverflow();
      return;
    }
    this.#pieces.push(tail);
    this.#pendingBytes += tail.length;
  }

  #completeLine(bytes: Uint8Array, start: number, end: number): void {
    if (this.#discarding) {
      this.#discarding = false;
      return;
    }
    const size = this.#pendingBytes + (end - start);
    if (size > this.#max) {
      this.#reset();
      this.#onOverflow();
      return;
    }
    const line = this.#pendingBytes === 0 ? bytes.subarray(start, end) : this.#join(bytes, start, end, size);
    this.#reset();
    const length =
      line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN ? line.length - 1 : line.length;
    if (length > 0) this.#onLine(decoder.decode(length === line.length ? line : line.subarray(0, length)));
  }

  #join(bytes: Uint8Array, start: number, end: number, size: number): Uint8Array {
    const line = new Uint8Array(size);
    let offset = 0;
    for (const piece of this.#pieces) {
      line.set(piece, offset);
      offset += piece.length;
    }
    line.set(bytes.subarray(start, end), offset);
    return line;
  }

  #reset(): void {
    if (this.#pendingBytes > 0) this.#pieces = [];
    this.#pendingBytes = 0;
  }
}

/**
 * Creates an incremental line splitter for newline-delimited protocols (stdio JSON-RPC, JSON Lines).
 * Memory stays bounded by `maxLineBytes`: a longer line is reported once and skipped.
 *
 * @example
 * const splitter = createLineSplitter({
 *   maxLineBytes: 1024,
 *   onLine: (line) => console.log(JSON.parse(line)),
 *   onOverflow: () => console.error("line too long"),
 * });
 * splitter.push('{"a":1}\n{"b"');
 * splitter.push(":2}\r\n");
 */
export function createLineSplitter(options: LineSplitterOptions): LineSplitter {
  return new Splitter(options);
}
