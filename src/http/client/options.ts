/** How dropped SSE streams are resumed (legacy Streamable HTTP, 2025-03-26 .. 2025-11-25). */
export interface ReconnectOptions {
  /** The wait before reconnecting when the server announced no `retry`. Default 1000 ms. */
  readonly initialDelayMs?: number;
  /** The longest wait between attempts as the backoff doubles. Default 30000 ms. */
  readonly maxDelayMs?: number;
  /** Consecutive failed attempts before a stream is given up. Default 5. */
  readonly maxRetries?: number;
}

/** Headers sent with every HTTP request (e.g. Authorization), or a function read before each one. */
export type HeadersOption = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);

/** Options of the HTTP client transports. */
export interface HttpClientOptions {
  /** The fetch to use (a proxy-aware one, a test double). Default: the global fetch. */
  readonly fetch?: typeof fetch;
  /** Sent with every request; a function is called before each request (fresh tokens). */
  readonly headers?: HeadersOption;
}

/** Options of {@link createStreamableHttpClientTransport}. */
export interface StreamableHttpClientOptions extends HttpClientOptions {
  readonly reconnect?: ReconnectOptions;
}

/** Reconnection settings with every default applied. */
export interface Reconnect {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetries: number;
}

export function toReconnect(options: ReconnectOptions = {}): Reconnect {
  return {
    initialDelayMs: options.initialDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    maxRetries: options.maxRetries ?? 5,
  };
}

/**
 * The wait before reconnection attempt `attempt` (0 = first): the server's `retry` (which the
 * client MUST honour) or the initial delay, doubled per failed attempt up to maxDelayMs.
 */
export function reconnectDelay(
  attempt: number,
  serverRetry: number | undefined,
  reconnect: Reconnect,
): number {
  const base = serverRetry ?? reconnect.initialDelayMs;
  return Math.min(base * 2 ** attempt, Math.max(base, reconnect.maxDelayMs));
}

/** Resolves when `ms` passed (true) or `signal` aborted (false). */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** The caller's headers for one request, as a fresh Headers object. */
export async function userHeaders(option: HeadersOption | undefined): Promise<Headers> {
  if (option === undefined) return new Headers();
  return new Headers(typeof option === "function" ? await option() : option);
}

/** The fetch to call: the option, or the global one looked up at call time (test doubles, polyfills). */
export function fetchOf(options: HttpClientOptions): typeof fetch {
  return options.fetch ?? ((input, init) => globalThis.fetch(input, init));
}

/** True when a response declares this media type (parameters such as charset ignored). */
export function hasMediaType(response: Response, type: string): boolean {
  const value = response.headers.get("content-type");
  return value !== null && value.split(";")[0]?.trim().toLowerCase() === type;
}

/**
 * A controller for one exchange that also aborts when the transport's lifetime `parent` does;
 * `release` detaches it from the parent once the exchange is over (no listener piles up).
 */
export function childAbort(parent: AbortSignal): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) onAbort();
  else parent.addEventListener("abort", onAbort, { once: true });
  return { controller, release: () => parent.removeEventListener("abort", onAbort) };
}
