import { McpError, SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import type { JsonObject, JsonRpcErrorObject, RequestId } from "../jsonrpc/index.js";

/** What a progress notification tells about a running request. */
export interface Progress {
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
}

/** Options of one outbound request. */
export interface RequestOptions {
  /** Aborting cancels the request: the peer is told (notifications/cancelled) and the call rejects. */
  readonly signal?: AbortSignal;
  /** Milliseconds without an answer (or progress, see below) before the request fails. Default 60 s; Infinity: never. */
  readonly timeoutMs?: number;
  /** A hard ceiling in milliseconds that progress cannot extend. Default: none. */
  readonly maxTotalTimeoutMs?: number;
  /** Progress notifications restart the `timeoutMs` clock (never past `maxTotalTimeoutMs`). */
  readonly resetTimeoutOnProgress?: boolean;
  /** Receives progress; setting it asks the peer for progress (a progressToken in `_meta`). */
  readonly onProgress?: (progress: Progress) => void;
  /** The inbound request this one is made on behalf of (HTTP routes it to that request's stream). */
  readonly relatedRequestId?: RequestId;
  /** Told the request's JSON-RPC id once allocated (a listen stream's subscription id is that id). */
  readonly onRequestId?: (id: RequestId) => void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * One request awaiting its response: owns the promise, the timers and the abort listener, and
 * settles exactly once. The session calls `cancel` with a reason to tell the peer.
 */
export class PendingRequest {
  readonly id: RequestId;
  readonly method: string;
  readonly onProgress: ((progress: Progress) => void) | undefined;
  readonly promise: Promise<JsonObject>;
  #resolve!: (result: JsonObject) => void;
  #reject!: (error: Error) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #deadline: number | undefined;
  #timeoutMs: number;
  #resetOnProgress: boolean;
  #signal: AbortSignal | undefined;
  #onAbort: (() => void) | undefined;
  #settled = false;

  constructor(id: RequestId, method: string, options: RequestOptions, onGiveUp: (reason: string) => void) {
    this.id = id;
    this.method = method;
    this.onProgress = options.onProgress;
    this.promise = new Promise<JsonObject>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#resetOnProgress = options.resetTimeoutOnProgress ?? false;
    if (options.maxTotalTimeoutMs !== undefined) this.#deadline = Date.now() + options.maxTotalTimeoutMs;
    this.#arm(onGiveUp);
    const signal = options.signal;
    if (signal) {
      this.#signal = signal;
      this.#onAbort = () => {
        onGiveUp(abortReasonText(signal));
        this.fail(
          new SdkError(SdkErrorCode.Aborted, `Request ${method} was aborted`, { cause: signal.reason }),
        );
      };
      signal.addEventListener("abort", this.#onAbort, { once: true });
    }
  }

  /** The peer answered. */
  settle(result: JsonObject | undefined, error: JsonRpcErrorObject | undefined): void {
    if (error) this.fail(McpError.fromJson(error));
    else if (!this.#finish()) this.#resolve(result ?? {});
  }

  /** Rejects locally (timeout, abort, close). */
  fail(error: Error): void {
    if (!this.#finish()) this.#reject(error);
  }

  /** A progress notification arrived for this request. */
  progressed(progress: Progress, onGiveUp: (reason: string) => void): void {
    if (this.#settled) return;
    if (this.#resetOnProgress) this.#arm(onGiveUp);
    this.onProgress?.(progress);
  }

  get settled(): boolean {
    return this.#settled;
  }

  #arm(onGiveUp: (reason: string) => void): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const now = Date.now();
    const wait =
      this.#deadline === undefined ? this.#timeoutMs : Math.min(this.#timeoutMs, this.#deadline - now);
    if (wait === Infinity) return; // a long-lived request (e.g. a listen stream): no timer at all
    const total = this.#deadline !== undefined && wait < this.#timeoutMs;
    this.#timer = setTimeout(
      () => {
        const reason = total ? "Maximum total timeout exceeded" : "Request timed out";
        onGiveUp(reason);
        this.fail(new SdkError(SdkErrorCode.Timeout, `${reason}: ${this.method} (id ${String(this.id)})`));
      },
      Math.max(0, wait),
    );
  }

  /** Marks settled and releases timers and listeners; returns true if it was already settled. */
  #finish(): boolean {
    if (this.#settled) return true;
    this.#settled = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#onAbort) this.#signal?.removeEventListener("abort", this.#onAbort);
    return false;
  }
}

function abortReasonText(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : "Aborted";
}
