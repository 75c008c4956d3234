/*
 * Downloads a URL with the global fetch, a size cap checked while the body streams in (a huge or
 * endless body is cut off, not buffered first) and a timeout covering headers and body alike.
 */

/**
 * Bounds of one download (or file read).
 *
 * @example
 * const limits: ReadLimits = { maxBytes: 20 * 1024 * 1024, timeoutMs: 30_000 };
 */
export interface ReadLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The body and its declared media type.
 *
 * @example
 * const fetched: Fetched = { bytes: new Uint8Array(0), contentType: "image/png" };
 */
export interface Fetched {
  readonly bytes: Uint8Array;
  readonly contentType: string | undefined;
}

/**
 * GETs `url` within `limits`; `label` prefixes every error (e.g. "image()").
 *
 * @example
 * const { bytes } = await fetchBytes(new URL("https://example.com/a.png"), { maxBytes: 1e6, timeoutMs: 5000 }, "image()");
 */
export async function fetchBytes(url: URL, limits: ReadLimits, label: string): Promise<Fetched> {
  const where = describeUrl(url);
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([timeout, limits.signal]) : timeout;
  // Turns a rejection of fetch() or of a body read into an error that says what happened.
  const explain = (error: unknown): unknown => {
    if (limits.signal?.aborted) return limits.signal.reason;
    if (timeout.aborted)
      return new Error(`${label}: fetching ${where} timed out after ${limits.timeoutMs} ms`);
    const reason = error instanceof Error ? error.message : String(error);
    return new Error(`${label}: fetching ${where} failed: ${reason}`, { cause: error });
  };

  const response = await attempt(() => fetch(url, { signal }), explain);
  if (!response.ok) {
    void response.body?.cancel().catch(() => undefined);
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
    throw new Error(`${label}: fetching ${where} failed with HTTP ${status}`);
  }
  const tooLarge = () =>
    new Error(`${label}: ${where} is larger than the ${limits.maxBytes}-byte limit (maxBytes)`);
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > limits.maxBytes || response.body === null) {
    void response.body?.cancel().catch(() => undefined);
    if (declared > limits.maxBytes) throw tooLarge();
    return { bytes: new Uint8Array(0), contentType: contentTypeOf(response) };
  }
  const bytes = await readCapped(response.body.getReader(), limits.maxBytes, tooLarge, explain);
  return { bytes, contentType: contentTypeOf(response) };
}

async function readCapped(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
  explain: (error: unknown) => unknown,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await attempt(() => reader.read(), explain);
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Runs `operation`, replacing its rejection with `explain(error)`.
 *
 * @example
 * const text = await attempt(() => response.text(), (error) => new Error("no body", { cause: error }));
 */
export async function attempt<T>(
  operation: () => Promise<T>,
  explain: (error: unknown) => unknown,
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw explain(error);
  }
}

function contentTypeOf(response: Response): string | undefined {
  return response.headers.get("content-type") ?? undefined;
}

/**
 * Origin and path only: a query string or user info may hold credentials that errors must not show.
 *
 * @example
 * describeUrl(new URL("https://u:p@example.com/a.png?token=x")); // "https://example.com/a.png"
 */
export function describeUrl(url: URL): string {
  if (url.protocol === "data:") return "a data: URL";
  return url.protocol === "file:" ? url.href : `${url.origin}${url.pathname}`;
}
