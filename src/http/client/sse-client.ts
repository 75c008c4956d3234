import { SdkError, SdkErrorCode } from "../../jsonrpc/index.js";
import type { JsonRpcPayload } from "../../jsonrpc/index.js";
import type { Transport, TransportHandlers } from "../../transport/index.js";
import { SseReader, messageOf } from "./event-stream.js";
import { HttpStatusError, errorDetails } from "./http-error.js";
import { fetchOf, hasMediaType, userHeaders } from "./options.js";
import type { HttpClientOptions } from "./options.js";
import type { SseEvent } from "./sse-parser.js";
import { toError } from "../../util/to-error.js";

/** Options of {@link createSseClientTransport}. */
export interface SseClientOptions extends HttpClientOptions {
  /** How long start() waits for the server's `endpoint` event. Default 10000 ms. */
  readonly endpointTimeoutMs?: number;
}

/** A legacy HTTP+SSE client transport; `endpoint` is where messages are POSTed once announced. */
export interface SseClientTransport extends Transport {
  readonly endpoint: URL | undefined;
}

/**
 * The 2024-11-05 HTTP+SSE transport (deprecated since 2025-03-26, still served by many servers):
 * GET the SSE URL, wait for the `endpoint` event (same origin only), POST every message there,
 * receive every server message as a `message` event. The stream is the connection: when it ends,
 * the transport closes.
 *
 * @example
 * const client = new Client({ name: "my-client", version: "1.0.0" }, { mode: "legacy" });
 * await client.connect(createSseClientTransport("http://127.0.0.1:3000/sse"));
 */
export function createSseClientTransport(
  url: string | URL,
  options: SseClientOptions = {},
): SseClientTransport {
  return new SseClient(new URL(url), options);
}

class SseClient implements SseClientTransport {
  readonly #url: URL;
  readonly #options: SseClientOptions;
  readonly #fetch: typeof fetch;
  readonly #life = new AbortController();
  #handlers: TransportHandlers | undefined;
  #endpoint: URL | undefined;
  #announced: ((endpoint: URL | Error) => void) | undefined;
  #closed = false;

  constructor(url: URL, options: SseClientOptions) {
    this.#url = url;
    this.#options = options;
    this.#fetch = fetchOf(options);
  }

  get peer(): string {
    return this.#url.href;
  }

  get endpoint(): URL | undefined {
    return this.#endpoint;
  }

  async start(handlers: TransportHandlers): Promise<void> {
    if (this.#handlers) throw new SdkError(SdkErrorCode.AlreadyConnected, "Transport already started");
    if (this.#closed) throw new SdkError(SdkErrorCode.Closed, "SSE transport is closed");
    this.#handlers = handlers;
    try {
      const body = await this.#open();
      const announced = new Promise<URL | Error>((resolve) => (this.#announced = resolve));
      void this.#read(body);
      const timeoutMs = this.#options.endpointTimeoutMs ?? 10_000;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<Error>((resolve) => {
        timer = setTimeout(
          () => resolve(new SdkError(SdkErrorCode.Timeout, `No endpoint event within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      const endpoint = await Promise.race([announced, timeout]).finally(() => clearTimeout(timer));
      if (endpoint instanceof Error) throw endpoint;
    } catch (error) {
      this.#stop(); // a transport that never started does not report a close
      throw error;
    }
  }

  async send(payload: JsonRpcPayload): Promise<void> {
    if (this.#closed) throw new SdkError(SdkErrorCode.Closed, "SSE transport is closed");
    const endpoint = this.#endpoint;
    if (!endpoint) throw new SdkError(SdkErrorCode.NotConnected, "Transport not started");
    const headers = await userHeaders(this.#options.headers);
    headers.set("content-type", "application/json");
    let response: Response;
    try {
      const init = { method: "POST", headers, body: JSON.stringify(payload), signal: this.#life.signal };
      response = await this.#fetch(endpoint, init);
    } catch (error) {
      if (this.#closed) throw new SdkError(SdkErrorCode.Closed, "SSE transport is closed");
      const failure = new SdkError(SdkErrorCode.Transport, `POST to ${endpoint.pathname} failed`, {
        cause: error,
      });
      this.#report(failure);
      throw failure;
    }
    if (!response.ok) throw new HttpStatusError(`POST to ${endpoint.pathname}`, await errorDetails(response));
    await response.body?.cancel().catch(() => undefined);
  }

  close(): Promise<void> {
    if (this.#stop()) this.#handlers?.onClose();
    return Promise.resolve();
  }

  /** Ends the stream and every POST; false if already stopped. */
  #stop(): boolean {
    if (this.#closed) return false;
    this.#closed = true;
    this.#life.abort(new SdkError(SdkErrorCode.Closed, "SSE transport is closed"));
    this.#announced?.(new SdkError(SdkErrorCode.Closed, "SSE transport closed before the endpoint event"));
    return true;
  }

  async #open(): Promise<ReadableStream<Uint8Array>> {
    const headers = await userHeaders(this.#options.headers);
    headers.set("accept", "text/event-stream");
    let response: Response;
    try {
      response = await this.#fetch(this.#url, { method: "GET", headers, signal: this.#life.signal });
    } catch (error) {
      throw new SdkError(SdkErrorCode.Transport, `GET ${this.#url.href} failed`, { cause: error });
    }
    if (!response.ok) throw new HttpStatusError(`GET ${this.#url.pathname}`, await errorDetails(response));
    if (!response.body || !hasMediaType(response, "text/event-stream")) {
      await response.body?.cancel().catch(() => undefined);
      throw new SdkError(
        SdkErrorCode.Transport,
        `GET ${this.#url.pathname} did not answer with an SSE stream`,
      );
    }
    return response.body;
  }

  /** Reads the stream to its end, then closes the transport. Never rejects. */
  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = new SseReader((event) => this.#onEvent(event));
    const read = await reader.read(body, () => this.#closed);
    if (this.#closed) return;
    const ended = read.outcome === "failed" ? "broke" : "ended";
    const error = new SdkError(SdkErrorCode.Transport, `The SSE stream ${ended}`, { cause: read.error });
    this.#report(error);
    this.#announced?.(error);
    await this.close();
  }

  #onEvent(event: SseEvent): void {
    if (event.event === "endpoint") {
      this.#onEndpoint(event.data);
      return;
    }
    const payload = messageOf(event, (error) => this.#report(error));
    if (payload === undefined) return;
    for (const message of Array.isArray(payload) ? (payload as unknown[]) : [payload]) {
      try {
        this.#handlers?.onMessage(message);
      } catch (error) {
        this.#report(toError(error));
      }
    }
  }

  /** The endpoint is resolved against the SSE URL and must stay on its origin. */
  #onEndpoint(data: string): void {
    if (this.#endpoint) return;
    let endpoint: URL | undefined;
    try {
      endpoint = new URL(data.trim(), this.#url);
    } catch {
      endpoint = undefined;
    }
    if (!endpoint || endpoint.origin !== this.#url.origin) {
      const error = new SdkError(
        SdkErrorCode.Transport,
        `Refusing the endpoint ${JSON.stringify(data)}: it is not on ${this.#url.origin}`,
      );
      this.#announced?.(error);
      return;
    }
    this.#endpoint = endpoint;
    this.#announced?.(endpoint);
  }

  #report(error: Error): void {
    try {
      this.#handlers?.onError(error);
    } catch {
      // A throwing error handler must not break the transport.
    }
  }
}
