import { McpError, errorResponse, toWireError } from "../jsonrpc/index.js";
import type { JsonObject, JsonRpcErrorResponse, RequestId } from "../jsonrpc/index.js";
import type { MessageInfo } from "../transport/index.js";
import type { RequestOptions } from "./pending-request.js";
import { toError } from "../util/to-error.js";

/** The part of a session an inbound request may use to talk back while it runs. */
export interface Outbound {
  notify(method: string, params: JsonObject | undefined, relatedRequestId: RequestId): Promise<void>;
  request(method: string, params: JsonObject | undefined, options: RequestOptions): Promise<JsonObject>;
}

/**
 * One request received from the peer, as its handler sees it. The abort signal is created on
 * first use only: most handlers never look at it, and an AbortController per request is waste.
 */
export class InboundRequest {
  readonly id: RequestId;
  readonly method: string;
  readonly params: JsonObject | undefined;
  readonly info: MessageInfo | undefined;
  /** True when the request arrived inside a JSON-RPC batch (2025-03-26 only). */
  readonly inBatch: boolean;
  #outbound: Outbound;
  #controller: AbortController | undefined;
  #cancelReason: unknown;
  #cancelled = false;

  constructor(
    message: { id: RequestId; method: string; params?: JsonObject },
    context: { info: MessageInfo | undefined; inBatch: boolean; outbound: Outbound },
  ) {
    this.id = message.id;
    this.method = message.method;
    this.params = message.params;
    this.info = context.info;
    this.inBatch = context.inBatch;
    this.#outbound = context.outbound;
  }

  /** Aborted when the peer cancels the request, the carrier goes away, or the session closes. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      const carrier = this.info?.signal;
      if (this.#cancelled) this.#controller.abort(this.#cancelReason);
      else if (carrier?.aborted) this.cancel(carrier.reason ?? "Transport request aborted");
      else
        carrier?.addEventListener("abort", () => this.cancel(carrier.reason ?? "Transport request aborted"), {
          once: true,
        });
    }
    return this.#controller.signal;
  }

  /**
   * True once cancelled: the handler's eventual answer will not be sent. The carrier's signal
   * counts once the handler's signal follows it; reading it here would make a (lazy) carrier
   * signal for every request, and an answer to a gone HTTP client is dropped by its transport.
   */
  get cancelled(): boolean {
    return this.#cancelled;
  }

  /** Sends a notification that belongs to this request (progress, logs). */
  notify(method: string, params?: JsonObject): Promise<void> {
    return this.#outbound.notify(method, params, this.id);
  }

  /** Sends a request to the peer on behalf of this one (legacy sampling, elicitation, roots). */
  request(method: string, params?: JsonObject, options: RequestOptions = {}): Promise<JsonObject> {
    const signal = options.signal ?? this.signal;
    return this.#outbound.request(method, params, { ...options, signal, relatedRequestId: this.id });
  }

  /**
   * The answer to a failure of this request's handler: an McpError as itself, anything else
   * masked as -32603 and passed to `report`, unless the request was cancelled (then its handler
   * was aborted, and the failure is expected).
   */
  failureAnswer(error: unknown, report: (error: Error) => void): JsonRpcErrorResponse {
    if (!(error instanceof McpError) && !this.#cancelled) {
      report(toError(error));
    }
    return errorResponse(this.id, toWireError(error));
  }

  /** Marks the request cancelled and aborts its signal if anyone holds it. */
  cancel(reason: unknown): void {
    if (this.#cancelled) return;
    this.#cancelled = true;
    this.#cancelReason = reason;
    this.#controller?.abort(reason);
  }
}
