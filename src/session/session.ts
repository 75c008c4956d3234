import {
  ErrorCode,
  SdkError,
  SdkErrorCode,
  errorResponse,
  idOfInvalid,
  isJsonObject,
  isJsonRpcNotification,
  isJsonRpcRequest,
  isJsonRpcResponse,
  notification,
  request,
  resultResponse,
} from "../jsonrpc/index.js";
import type {
  JsonObject,
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
  RequestId,
} from "../jsonrpc/index.js";
import type { MessageInfo, Transport, TransportHandlers } from "../transport/index.js";
import { InboundRequest } from "./inbound-request.js";
import type { Outbound } from "./inbound-request.js";
import { PendingRequest } from "./pending-request.js";
import type { Progress, RequestOptions } from "./pending-request.js";

/** What the owner of a session (the protocol layer) handles. */
export interface SessionHandlers {
  /** Answers one inbound request; throw an McpError to answer with that error. */
  onRequest(request: InboundRequest): Promise<JsonObject> | JsonObject;
  /** Receives every inbound notification, after the session has applied cancel and progress. */
  onNotification?(notification: JsonRpcNotification, info: MessageInfo | undefined): void;
  /** Whether an inbound batch (JSON array) is acceptable now; only 2025-03-26 allows them. */
  acceptsBatch?(): boolean;
  /** The session closed; called once. */
  onClose?(): void;
  /** A non-fatal problem: a bad inbound message, a handler's unexpected throw, a failed send. */
  onError?(error: Error): void;
}

const CANCELLED = "notifications/cancelled";
const RECEIVED = Symbol("received");
const CARRIER_CLOSED = Symbol("carrierClosed");
const CARRIER_FAILED = Symbol("carrierFailed");
const PROGRESS = "notifications/progress";

/**
 * A JSON-RPC peer over one transport: allocates ids, correlates responses, applies timeouts,
 * cancellation in both directions and progress. It knows nothing of MCP versions or methods
 * beyond the cancel and progress notifications.
 *
 * @example
 * const session = new Session(transport, { onRequest: (req) => ({ echoed: req.params ?? {} }) });
 * await session.start();
 * const result = await session.request("ping");
 */
export class Session implements Outbound {
  #transport: Transport;
  #handlers: SessionHandlers;
  #nextId = 0;
  /** Made on first use and dropped when empty: an idle session (thousands of them over HTTP) holds no Maps. */
  #pending: Map<RequestId, PendingRequest> | undefined;
  #inbound: Map<RequestId, InboundRequest> | undefined;
  #closed = false;

  constructor(transport: Transport, handlers: SessionHandlers) {
    this.#transport = transport;
    this.#handlers = handlers;
  }

  /** Starts the transport; messages flow from here on. */
  start(): Promise<void> {
    return this.#transport.start(new SessionReceiver(this));
  }

  /** @internal What the transport delivers (see SessionReceiver). */
  [RECEIVED](payload: unknown, info: MessageInfo | undefined): void {
    this.#receive(payload, info);
  }

  /** @internal */
  [CARRIER_CLOSED](): void {
    this.#shutdown();
  }

  /** @internal */
  [CARRIER_FAILED](error: Error): void {
    this.#handlers.onError?.(error);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a request and resolves with its result; rejects with McpError (peer) or SdkError (local). */
  request(method: string, params?: JsonObject, options: RequestOptions = {}): Promise<JsonObject> {
    if (this.#closed) return Promise.reject(new SdkError(SdkErrorCode.Closed, "Session is closed"));
    if (options.signal?.aborted) {
      return Promise.reject(
        new SdkError(SdkErrorCode.Aborted, `Request ${method} was aborted before it was sent`),
      );
    }
    const id = this.#nextId++;
    options.onRequestId?.(id);
    const giveUp = (reason: string) => this.#giveUp(id, reason);
    const pending = new PendingRequest(id, method, options, giveUp);
    (this.#pending ??= new Map()).set(id, pending);
    const sendOptions =
      options.relatedRequestId === undefined ? undefined : { relatedRequestId: options.relatedRequestId };
    const wire = request(id, method, options.onProgress ? withProgressToken(params, id) : params);
    this.#transport.send(wire, sendOptions).catch((error: unknown) => {
      this.#forgetPending(id);
      // A transport's own SdkError (e.g. an HTTP status) says more than a wrapper would.
      pending.fail(
        error instanceof SdkError
          ? error
          : new SdkError(SdkErrorCode.Transport, `Could not send ${method}`, { cause: error }),
      );
    });
    return pending.promise;
  }

  /** Sends a notification, optionally tied to an inbound request. */
  notify(method: string, params?: JsonObject, relatedRequestId?: RequestId): Promise<void> {
    if (this.#closed) return Promise.reject(new SdkError(SdkErrorCode.Closed, "Session is closed"));
    const options = relatedRequestId === undefined ? undefined : { relatedRequestId };
    return this.#transport.send(notification(method, params), options);
  }

  /** Rejects every pending request with SdkError("closed"), aborts running handlers, closes the transport. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#shutdown();
    await this.#transport.close();
  }

  #shutdown(): void {
    if (this.#closed) return;
    this.#closed = true;
    const pending = [...(this.#pending?.values() ?? [])];
    this.#pending = undefined;
    for (const request of pending)
      request.fail(new SdkError(SdkErrorCode.Closed, `Connection closed before ${request.method} answered`));
    for (const inbound of this.#inbound?.values() ?? [])
      inbound.cancel(new SdkError(SdkErrorCode.Closed, "Connection closed"));
    this.#inbound = undefined;
    this.#handlers.onClose?.();
  }

  /** A request timed out or was aborted: forget it and tell the peer, best effort. */
  #giveUp(id: RequestId, reason: string): void {
    if (!this.#forgetPending(id) || this.#closed) return;
    this.#transport.send(notification(CANCELLED, { requestId: id, reason })).catch(() => undefined);
  }

  #receive(payload: unknown, info: MessageInfo | undefined): void {
    if (Array.isArray(payload)) {
      void this.#receiveBatch(payload, info);
      return;
    }
    const answer = this.#dispatch(payload, info, false);
    if (answer) void answer.then((response) => response && this.#reply(response));
  }

  async #receiveBatch(batch: unknown[], info: MessageInfo | undefined): Promise<void> {
    if (batch.length === 0 || !(this.#handlers.acceptsBatch?.() ?? false)) {
      const message =
        batch.length === 0 ? "Invalid Request: empty batch" : "Invalid Request: batches are not supported";
      await this.#reply(errorResponse(null, { code: ErrorCode.InvalidRequest, message }));
      return;
    }
    const answers = await Promise.all(
      batch.map((item) => this.#dispatch(item, info, true) ?? Promise.resolve(undefined)),
    );
    const responses = answers.filter((answer): answer is JsonRpcResponse => answer !== undefined);
    if (responses.length > 0 && !this.#closed) {
      await this.#transport.send(responses).catch((error: unknown) => this.#reportSendFailure(error));
    }
  }

  /** Routes one message; returns the pending answer for requests and invalid input, else undefined. */
  #dispatch(
    message: unknown,
    info: MessageInfo | undefined,
    inBatch: boolean,
  ): Promise<JsonRpcResponse | undefined> | undefined {
    if (isJsonRpcRequest(message)) return this.#answer(message, info, inBatch);
    if (isJsonRpcNotification(message)) {
      this.#onNotification(message, info);
      return undefined;
    }
    if (isJsonRpcResponse(message)) {
      this.#onResponse(message);
      return undefined;
    }
    return this.#onInvalid(message);
  }

  async #answer(
    message: JsonRpcRequest,
    info: MessageInfo | undefined,
    inBatch: boolean,
  ): Promise<JsonRpcResponse | undefined> {
    if (this.#inbound?.has(message.id)) {
      return errorResponse(message.id, {
        code: ErrorCode.InvalidRequest,
        message: `Duplicate request id ${String(message.id)}`,
      });
    }
    const inbound = new InboundRequest(message, { info, inBatch, outbound: this });
    (this.#inbound ??= new Map()).set(message.id, inbound);
    try {
      const result = await this.#handlers.onRequest(inbound);
      return inbound.cancelled || this.#closed ? undefined : resultResponse(message.id, result);
    } catch (error) {
      const answer = inbound.failureAnswer(error, (failure) => this.#handlers.onError?.(failure));
      // A cancelled request's failure goes unanswered.
      return inbound.cancelled || this.#closed ? undefined : answer;
    } finally {
      const running = this.#inbound;
      if (running?.get(message.id) === inbound) {
        running.delete(message.id);
        if (running.size === 0) this.#inbound = undefined;
      }
    }
  }

  /** Forgets a pending request; false if it was not pending. */
  #forgetPending(id: RequestId): boolean {
    const pending = this.#pending;
    if (!pending?.delete(id)) return false;
    if (pending.size === 0) this.#pending = undefined;
    return true;
  }

  #onNotification(message: JsonRpcNotification, info: MessageInfo | undefined): void {
    const params = message.params;
    if (message.method === CANCELLED && params && isRequestKey(params.requestId)) {
      this.#inbound?.get(params.requestId)?.cancel(params.reason ?? "Cancelled by peer");
    } else if (message.method === PROGRESS && params && isRequestKey(params.progressToken)) {
      const pending = this.#pending?.get(params.progressToken);
      if (pending && typeof params.progress === "number") {
        pending.progressed(toProgress(params), (reason) => this.#giveUp(pending.id, reason));
      }
    }
    this.#handlers.onNotification?.(message, info);
  }

  #onResponse(message: JsonRpcResponse): void {
    const id = message.id;
    const pending = id === null ? undefined : this.#pending?.get(id);
    if (!pending) {
      const detail = "error" in message ? `: ${message.error.message}` : "";
      this.#handlers.onError?.(
        new SdkError(SdkErrorCode.Protocol, `Response for unknown request id ${String(id)}${detail}`),
      );
      return;
    }
    this.#forgetPending(pending.id);
    if ("error" in message) pending.settle(undefined, message.error);
    else pending.settle(message.result, undefined);
  }

  /** Not a JSON-RPC message: answer -32600, except for broken responses (answering those could loop). */
  #onInvalid(message: unknown): Promise<JsonRpcResponse | undefined> | undefined {
    this.#handlers.onError?.(new SdkError(SdkErrorCode.Protocol, "Received an invalid JSON-RPC message"));
    if (isJsonObject(message) && !("method" in message) && ("result" in message || "error" in message))
      return undefined;
    return Promise.resolve(
      errorResponse(idOfInvalid(message), { code: ErrorCode.InvalidRequest, message: "Invalid Request" }),
    );
  }

  async #reply(response: JsonRpcMessage): Promise<void> {
    if (this.#closed) return;
    const related = "id" in response && response.id !== null ? { relatedRequestId: response.id } : undefined;
    await this.#transport.send(response, related).catch((error: unknown) => this.#reportSendFailure(error));
  }

  #reportSendFailure(error: unknown): void {
    this.#handlers.onError?.(
      new SdkError(SdkErrorCode.Transport, "Could not send a response", { cause: error }),
    );
  }
}

function isRequestKey(value: unknown): value is RequestId {
  return typeof value === "string" || typeof value === "number";
}

function withProgressToken(params: JsonObject | undefined, token: RequestId): JsonObject {
  const meta: JsonObject = isJsonObject(params?._meta) ? Object.assign({}, params._meta) : {};
  meta.progressToken = token;
  const withToken: JsonObject = params ? Object.assign({}, params) : {};
  withToken._meta = meta;
  return withToken;
}

function toProgress(params: JsonObject): Progress {
  const progress: { progress: number; total?: number; message?: string } = {
    progress: params.progress as number,
  };
  if (typeof params.total === "number") progress.total = params.total;
  if (typeof params.message === "string") progress.message = params.message;
  return progress;
}

/** The transport's callbacks into a session: one small object with methods, no closures (idle HTTP sessions number thousands). */
class SessionReceiver implements TransportHandlers {
  readonly #session: Session;

  constructor(session: Session) {
    this.#session = session;
  }

  onMessage(payload: unknown, info?: MessageInfo): void {
    this.#session[RECEIVED](payload, info);
  }

  onClose(): void {
    this.#session[CARRIER_CLOSED]();
  }

  onError(error: Error): void {
    this.#session[CARRIER_FAILED](error);
  }
}
