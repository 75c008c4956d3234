import { isJsonRpcRequest } from "../../jsonrpc/index.js";
import type { JsonRpcPayload } from "../../jsonrpc/index.js";
import type { SendOptions, Transport, TransportHandlers } from "../../transport/index.js";
import { httpStatusOf } from "./http-error.js";
import type { SseClientOptions } from "./sse-client.js";
import { createSseClientTransport } from "./sse-client.js";
import type { StreamableHttpClientOptions } from "./options.js";
import { createStreamableHttpClientTransport } from "./streamable-http.js";

/** Options of {@link createHttpClientTransport}: those of both transports it may use. */
export interface HttpClientTransportOptions extends StreamableHttpClientOptions, SseClientOptions {
  /** Where the HTTP+SSE fallback GETs its stream. Default: the same URL. */
  readonly sseUrl?: string | URL;
}

/** Which HTTP transport is carrying the connection. */
export type HttpTransportKind = "streamable-http" | "sse";

/** An HTTP client transport that found out which of the two HTTP transports the server speaks. */
export interface HttpClientTransport extends Transport {
  readonly kind: HttpTransportKind;
}

/** Statuses of a refused initialize POST that mean "HTTP+SSE only" (the spec's compatibility rule). */
const SSE_ONLY_STATUSES = new Set([400, 404, 405]);
/** URLs found to be HTTP+SSE only: the next connect goes there at once. Bounded, oldest forgotten. */
const sseOnlyUrls = new Set<string>();
const MAX_REMEMBERED = 256;

/**
 * The HTTP transport for a server of any age: Streamable HTTP (both eras), and when `initialize`
 * is refused with 400, 404 or 405 and no JSON-RPC error, the deprecated 2024-11-05 HTTP+SSE
 * transport on the same URL (GET the stream, POST to its endpoint). A URL found to be HTTP+SSE
 * only is remembered for the rest of the process.
 *
 * @example
 * const client = new Client({ name: "my-client", version: "1.0.0" });
 * await client.connect(createHttpClientTransport("http://127.0.0.1:3000/mcp"));
 */
export function createHttpClientTransport(
  url: string | URL,
  options: HttpClientTransportOptions = {},
): HttpClientTransport {
  return new FallbackHttpClient(new URL(url), options);
}

class FallbackHttpClient implements HttpClientTransport {
  readonly #url: URL;
  readonly #options: HttpClientTransportOptions;
  #active: Transport;
  #kind: HttpTransportKind;
  #handlers: TransportHandlers | undefined;

  constructor(url: URL, options: HttpClientTransportOptions) {
    this.#url = url;
    this.#options = options;
    this.#kind = sseOnlyUrls.has(url.href) ? "sse" : "streamable-http";
    this.#active = this.#kind === "sse" ? this.#sse() : createStreamableHttpClientTransport(url, options);
  }

  get kind(): HttpTransportKind {
    return this.#kind;
  }

  get peer(): string {
    return this.#url.href;
  }

  start(handlers: TransportHandlers): Promise<void> {
    this.#handlers = handlers;
    return this.#active.start(this.#relay(this.#active));
  }

  async send(payload: JsonRpcPayload, options?: SendOptions): Promise<void> {
    const active = this.#active;
    if (this.#kind === "sse" || !isInitialize(payload)) return active.send(payload, options);
    try {
      await active.send(payload, options);
    } catch (error) {
      const status = httpStatusOf(error)?.status;
      if (status === undefined || !SSE_ONLY_STATUSES.has(status) || active !== this.#active) throw error;
      await this.#fallBackToSse();
      await this.#active.send(payload, options);
    }
  }

  close(): Promise<void> {
    return this.#active.close();
  }

  async #fallBackToSse(): Promise<void> {
    const previous = this.#active;
    const sse = this.#sse();
    this.#active = sse; // from here on only the new transport's close counts
    this.#kind = "sse";
    await previous.close();
    if (this.#handlers) await sse.start(this.#relay(sse));
    remember(this.#url.href);
  }

  #sse(): Transport {
    return createSseClientTransport(this.#options.sseUrl ?? this.#url, this.#options);
  }

  /** Passes one inner transport's events on; a replaced transport's close is not the connection's. */
  #relay(transport: Transport): TransportHandlers {
    const handlers = this.#handlers;
    return {
      onMessage: (payload, info) => handlers?.onMessage(payload, info),
      onError: (error) => handlers?.onError(error),
      onClose: () => {
        if (transport === this.#active) handlers?.onClose();
      },
    };
  }
}

function isInitialize(payload: JsonRpcPayload): boolean {
  return !Array.isArray(payload) && isJsonRpcRequest(payload) && payload.method === "initialize";
}

function remember(href: string): void {
  sseOnlyUrls.delete(href);
  sseOnlyUrls.add(href);
  if (sseOnlyUrls.size > MAX_REMEMBERED) sseOnlyUrls.delete(sseOnlyUrls.values().next().value as string);
}
