import { SdkError, SdkErrorCode, isJsonRpcRequest } from "../../jsonrpc/index.js";
import type { JsonRpcMessage, JsonRpcPayload, JsonRpcRequest } from "../../jsonrpc/index.js";
import type { Transport, TransportHandlers } from "../../transport/index.js";
import type { ClientContext } from "./event-stream.js";
import { InFlightRequests } from "./in-flight.js";
import { childAbort, fetchOf, toReconnect, userHeaders } from "./options.js";
import type { StreamableHttpClientOptions } from "./options.js";
import { ToolParamHeaders } from "./param-headers.js";
import { handleReply } from "./reply.js";
import { modernVersionOf, setModernHeaders } from "./request-headers.js";
import { runStandaloneStream } from "./standalone-stream.js";
import { toError } from "../../util/to-error.js";

/** A Streamable HTTP client transport, with what it learned about the legacy session. */
export interface StreamableHttpClientTransport extends Transport {
  /** The legacy session id from the initialize reply; never set in 2026-07-28. */
  readonly sessionId: string | undefined;
  /** The negotiated legacy version (sent as MCP-Protocol-Version), or the last modern one used. */
  readonly protocolVersion: string | undefined;
  /** Forgets the session so that a new initialize starts afresh (done by itself after a 404). */
  resetSession(): void;
}

const CANCELLED = "notifications/cancelled";
/** How long close() waits for the session DELETE. */
const DELETE_TIMEOUT_MS = 3_000;

/**
 * The client side of Streamable HTTP for both eras: one POST per message (JSON or SSE answers,
 * delivered as they arrive); legacy sessions (Mcp-Session-Id, MCP-Protocol-Version, the
 * standalone GET stream, resumption with Last-Event-ID, DELETE on close); 2026-07-28 routing
 * headers (Mcp-Method, Mcp-Name, Mcp-Param-*) and cancellation by closing the request's stream.
 *
 * @example
 * const client = new Client({ name: "my-client", version: "1.0.0" });
 * await client.connect(createStreamableHttpClientTransport("http://127.0.0.1:8000/mcp", {
 *   headers: () => ({ authorization: `Bearer ${token}` }),
 * }));
 */
export function createStreamableHttpClientTransport(
  url: string | URL,
  options: StreamableHttpClientOptions = {},
): StreamableHttpClientTransport {
  return new StreamableHttpClient(new URL(url), options);
}

class StreamableHttpClient implements StreamableHttpClientTransport {
  readonly #url: URL;
  readonly #options: StreamableHttpClientOptions;
  readonly #fetch: typeof fetch;
  readonly #life = new AbortController();
  readonly #inFlight = new InFlightRequests();
  readonly #tools = new ToolParamHeaders();
  readonly #ctx: ClientContext;
  #handlers: TransportHandlers | undefined;
  #closed = false;
  #legacy = false;
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;
  #standalone: AbortController | undefined;

  constructor(url: URL, options: StreamableHttpClientOptions) {
    this.#url = url;
    this.#options = options;
    this.#fetch = fetchOf(options);
    this.#ctx = {
      reconnect: toReconnect(options.reconnect),
      deliver: (payload) => this.#deliver(payload),
      report: (error) => this.#report(error),
      get: (lastEventId, signal) => this.#get(lastEventId, signal),
    };
  }

  get peer(): string {
    return this.#url.href;
  }

  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  get protocolVersion(): string | undefined {
    return this.#protocolVersion;
  }

  start(handlers: TransportHandlers): Promise<void> {
    if (this.#handlers) {
      return Promise.reject(new SdkError(SdkErrorCode.AlreadyConnected, "Transport already started"));
    }
    if (this.#closed) return Promise.reject(new SdkError(SdkErrorCode.Closed, "HTTP transport is closed"));
    this.#handlers = handlers;
    return Promise.resolve();
  }

  async send(payload: JsonRpcPayload): Promise<void> {
    if (this.#closed) throw new SdkError(SdkErrorCode.Closed, "HTTP transport is closed");
    if (!this.#handlers) throw new SdkError(SdkErrorCode.NotConnected, "Transport not started");
    const single = Array.isArray(payload) ? undefined : payload;
    const method = single && "method" in single ? single.method : undefined;
    if (method === CANCELLED && single && this.#interceptCancel(single)) return;
    const modern = modernVersionOf(payload);
    if (modern !== undefined) this.#protocolVersion = modern;
    if (method === "initialize") this.#legacy = true;
    const requests = (Array.isArray(payload) ? payload : [payload]).filter(isJsonRpcRequest);
    const { controller, release } = childAbort(this.#life.signal);
    this.#inFlight.track(requests, modern !== undefined, controller);
    try {
      await this.#post({ payload, single, method, modern, requests }, controller.signal);
    } catch (error) {
      if (this.#closed) throw new SdkError(SdkErrorCode.Closed, "HTTP transport is closed");
      if (!controller.signal.aborted) throw error; // aborted otherwise: cancelled, nobody waits
    } finally {
      release();
      this.#inFlight.release(requests, controller);
    }
    if (method === "notifications/initialized" && modern === undefined) this.#openStandalone();
  }

  resetSession(): void {
    this.#sessionId = undefined;
    this.#protocolVersion = undefined;
    this.#standalone?.abort();
    this.#standalone = undefined;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#life.abort(new SdkError(SdkErrorCode.Closed, "HTTP transport is closed"));
    const sessionId = this.#sessionId;
    if (sessionId !== undefined) await this.#deleteSession(sessionId);
    this.#handlers?.onClose();
  }

  async #post(out: Outbound, signal: AbortSignal): Promise<void> {
    const { payload, single, method, modern, requests } = out;
    const what = `POST ${method ?? (Array.isArray(payload) ? "batch" : "response")}`;
    const headers = await this.#headers(what);
    headers.set("accept", "application/json, text/event-stream");
    headers.set("content-type", "application/json");
    if (modern !== undefined && single) setModernHeaders(headers, single, modern, this.#tools);
    else if (method !== "initialize") this.#setSessionHeaders(headers);
    const sessionId = headers.get("mcp-session-id") ?? undefined;
    let response: Response;
    try {
      const body = JSON.stringify(payload);
      response = await this.#fetch(this.#url, { method: "POST", headers, body, signal });
    } catch (error) {
      if (signal.aborted) throw error;
      const failure = new SdkError(SdkErrorCode.Transport, `${what} failed: ${describe(error)}`, {
        cause: error,
      });
      this.#report(failure);
      throw failure;
    }
    if (method === "initialize" && response.ok) {
      this.#sessionId = response.headers.get("mcp-session-id") ?? undefined;
    }
    const exchange = { requests, method, modern: modern !== undefined, signal, sessionId, what };
    try {
      await handleReply(this.#ctx, exchange, response);
    } catch (error) {
      // The server forgot the session: forget it too, so that the next initialize starts afresh.
      if (
        error instanceof SdkError &&
        error.code === SdkErrorCode.SessionExpired &&
        sessionId === this.#sessionId
      )
        this.resetSession();
      throw error;
    }
  }

  /** The caller's headers for one request; a throwing headers function fails that request. */
  async #headers(what: string): Promise<Headers> {
    try {
      return await userHeaders(this.#options.headers);
    } catch (error) {
      throw new SdkError(SdkErrorCode.Transport, `${what}: the headers option failed`, { cause: error });
    }
  }

  #setSessionHeaders(headers: Headers): void {
    if (this.#sessionId !== undefined) headers.set("mcp-session-id", this.#sessionId);
    if (this.#legacy && this.#protocolVersion !== undefined)
      headers.set("mcp-protocol-version", this.#protocolVersion);
  }

  async #get(lastEventId: string | undefined, signal: AbortSignal): Promise<Response> {
    const headers = await this.#headers("GET");
    headers.set("accept", "text/event-stream");
    this.#setSessionHeaders(headers);
    if (lastEventId !== undefined) headers.set("last-event-id", lastEventId);
    return this.#fetch(this.#url, { method: "GET", headers, signal });
  }

  /**
   * notifications/cancelled for a 2026-07-28 request: closing its stream is the cancel, and no
   * notification goes out. A legacy request is told by the notification (a disconnect is not a
   * cancel there), and its stream is dropped as nobody waits for it.
   */
  #interceptCancel(message: JsonRpcMessage): boolean {
    if ("id" in message) return false;
    const entry = this.#inFlight.cancel(message.params?.requestId);
    if (entry) return entry.modern;
    return !this.#legacy; // nothing to tell a modern server about a request it already answered
  }

  #openStandalone(): void {
    if (this.#standalone || this.#closed) return;
    const { controller, release } = childAbort(this.#life.signal);
    this.#standalone = controller;
    void runStandaloneStream(this.#ctx, controller.signal).finally(() => {
      release();
      if (this.#standalone === controller) this.#standalone = undefined;
    });
  }

  async #deleteSession(sessionId: string): Promise<void> {
    try {
      const headers = await userHeaders(this.#options.headers);
      headers.set("mcp-session-id", sessionId);
      if (this.#protocolVersion !== undefined) headers.set("mcp-protocol-version", this.#protocolVersion);
      const signal = AbortSignal.timeout(DELETE_TIMEOUT_MS);
      const response = await this.#fetch(this.#url, { method: "DELETE", headers, signal });
      await response.body?.cancel();
    } catch {
      // Best effort: the server may be gone already, and 405 (no DELETE) is fine too.
    }
  }

  #deliver(payload: unknown): void {
    for (const message of Array.isArray(payload) ? (payload as unknown[]) : [payload]) {
      try {
        this.#handlers?.onMessage(this.#observe(message));
      } catch (error) {
        this.#report(toError(error));
      }
    }
  }

  /** Learns from responses passing through: the negotiated version, the tools' Mcp-Param headers. */
  #observe(message: unknown): unknown {
    const answered = this.#inFlight.answered(message);
    if (!answered) return message;
    const { response, request } = answered;
    if (request.method === "initialize" && !request.modern) {
      const version = response.result.protocolVersion;
      if (typeof version === "string") this.#protocolVersion = version;
    } else if (request.method === "tools/list" && request.modern) {
      const result = this.#tools.filterToolsList(response.result, (tool, reason) =>
        this.#report(
          new SdkError(SdkErrorCode.Protocol, `Dropped tool "${tool}" from tools/list: ${reason}`),
        ),
      );
      if (result !== response.result) return { ...response, result };
    }
    return message;
  }

  #report(error: Error): void {
    try {
      this.#handlers?.onError(error);
    } catch {
      // A throwing error handler must not break the transport.
    }
  }
}

/** What one POST carries. */
interface Outbound {
  readonly payload: JsonRpcPayload;
  readonly single: JsonRpcMessage | undefined;
  readonly method: string | undefined;
  readonly modern: string | undefined;
  readonly requests: readonly JsonRpcRequest[];
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}
