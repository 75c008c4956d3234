import { SdkError, SdkErrorCode, isJsonRpcResponse, isRequestId } from "../../jsonrpc/index.js";
import type { JsonRpcRequest, JsonRpcResultResponse, RequestId } from "../../jsonrpc/index.js";

/** One request awaiting its response. */
export interface InFlight {
  readonly method: string;
  /** Sent with 2026-07-28 `_meta` (stateless, cancelled by closing its stream). */
  readonly modern: boolean;
  readonly controller: AbortController;
  /** The only request of its POST (a batch's requests share one fetch and cannot abort alone). */
  readonly alone: boolean;
}

/**
 * The requests a transport sent and not yet saw answered: what their responses are (so the
 * transport can learn from initialize and tools/list results) and how to abort their fetch.
 */
export class InFlightRequests {
  readonly #entries = new Map<RequestId, InFlight>();

  track(requests: readonly JsonRpcRequest[], modern: boolean, controller: AbortController): void {
    const alone = requests.length === 1;
    for (const { id, method } of requests) this.#entries.set(id, { method, modern, controller, alone });
  }

  /** The POST is over: forget its requests (those still here were never answered). */
  release(requests: readonly JsonRpcRequest[], controller: AbortController): void {
    for (const { id } of requests)
      if (this.#entries.get(id)?.controller === controller) this.#entries.delete(id);
  }

  /**
   * notifications/cancelled names `id`: its fetch is aborted (the stream is dropped, and in
   * 2026-07-28 that closing *is* the cancel). Returns the request, or undefined if not in flight.
   */
  cancel(id: unknown): InFlight | undefined {
    const entry = isRequestId(id) ? this.#entries.get(id) : undefined;
    if (!entry) return undefined;
    this.#entries.delete(id as RequestId);
    if (entry.alone) entry.controller.abort(new SdkError(SdkErrorCode.Aborted, "The request was cancelled"));
    return entry;
  }

  /** A successful response passing through, with the request it answers (which is then forgotten). */
  answered(message: unknown): { response: JsonRpcResultResponse; request: InFlight } | undefined {
    if (!isJsonRpcResponse(message) || message.id === null) return undefined;
    const request = this.#entries.get(message.id);
    if (!request) return undefined;
    this.#entries.delete(message.id);
    return "result" in message ? { response: message, request } : undefined;
  }
}
