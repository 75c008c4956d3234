import { ErrorCode, McpError, SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import type { JsonObject, JsonRpcNotification } from "../jsonrpc/index.js";
import { Session } from "../session/index.js";
import type { InboundRequest, RequestOptions, SessionHandlers } from "../session/index.js";
import type { MessageInfo, Transport } from "../transport/index.js";
import type { Implementation, ServerIdentity } from "./implementation.js";
import { answerInitialize } from "./initialize.js";
import { answerModern, refuseLegacyOnly } from "./modern-dispatch.js";
import { hasModernMeta, readModernMeta } from "./modern-request.js";
import { allowsBatches } from "./versions.js";
import type { Era } from "./versions.js";

const RECEIVE = Symbol("receive");
const NOTICE = Symbol("notice");
const BATCHES = Symbol("batches");
const ENDED = Symbol("ended");
const FAILED = Symbol("failed");

/** One request as the server's handlers see it, with the era and client facts that apply to it. */
export interface ServerRequest {
  readonly inbound: InboundRequest;
  /**
   * The connection the request came on (per-connection state such as legacy subscriptions).
   * Undefined for a 2026-07-28 request served on its own (stateless HTTP: each POST stands alone).
   */
  readonly connection: ServerConnection | undefined;
  readonly era: Era;
  readonly protocolVersion: string;
  readonly clientCapabilities: JsonObject;
  readonly clientInfo: Implementation | undefined;
  /** The 2026-07-28 per-request log level; undefined means "send no logs" for modern requests. */
  readonly logLevel: string | undefined;
}

/** Options of one connection. */
export interface ConnectionOptions {
  /**
   * Serve legacy requests without a handshake on this connection, as if `initialize` had
   * negotiated this version (stateless legacy HTTP: every POST is its own connection).
   */
  readonly assumeLegacy?: { readonly protocolVersion: string };
  /** Serve legacy revisions only (a 2024-11-05 HTTP+SSE stream): modern requests are unknown methods. */
  readonly legacyOnly?: boolean;
}

/** What the server layer plugs into a connection. */
export interface ServerDispatch {
  /** Answers any request the protocol layer does not answer itself. */
  handleRequest(request: ServerRequest): Promise<JsonObject> | JsonObject;
  /** Receives client notifications other than the lifecycle ones. */
  handleNotification?(notification: JsonRpcNotification, connection: ServerConnection): void;
  /** The legacy handshake completed (notifications/initialized arrived). */
  onInitialized?(connection: ServerConnection): void;
  onClose?(connection: ServerConnection): void;
  onError?(error: Error): void;
}

/**
 * The server side of one connection, for both eras. The era is fixed by the first request that
 * succeeds (REVISIONS.md §1(e), stdio): `initialize` starts legacy, a request with modern `_meta`
 * (or `server/discover`) starts modern. Legacy requests before `initialize` are refused.
 */
export class ServerConnection {
  #session: Session;
  #identity: ServerIdentity;
  #dispatch: ServerDispatch;
  #era: Era | undefined;
  #legacy:
    { protocolVersion: string; clientCapabilities: JsonObject; clientInfo: Implementation } | undefined;
  #initialized = false;
  readonly #legacyOnly: boolean;
  /** Made on first read of `closed`: most connections (one per stateless HTTP call) are never awaited. */
  #closedPromise: Promise<void> | undefined;
  #markClosed: (() => void) | undefined;
  #isClosed = false;

  constructor(
    transport: Transport,
    identity: ServerIdentity,
    dispatch: ServerDispatch,
    options: ConnectionOptions = {},
  ) {
    this.#identity = identity;
    this.#dispatch = dispatch;
    this.#legacyOnly = options.legacyOnly ?? false;
    if (options.assumeLegacy) {
      const clientInfo = { name: "unknown", version: "unknown" };
      this.#legacy = {
        protocolVersion: options.assumeLegacy.protocolVersion,
        clientCapabilities: {},
        clientInfo,
      };
      this.#era = "legacy";
      this.#initialized = true;
    }
    this.#session = new Session(transport, new ConnectionHandlers(this));
  }

  /** Settles when the connection has closed (peer gone or close() called). */
  get closed(): Promise<void> {
    this.#closedPromise ??= this.#isClosed
      ? Promise.resolve()
      : new Promise((resolve) => (this.#markClosed = resolve));
    return this.#closedPromise;
  }

  /** @internal The session's callbacks, on one small object rather than five closures. */
  [RECEIVE](inbound: InboundRequest): Promise<JsonObject> | JsonObject {
    return this.#onRequest(inbound);
  }

  /** @internal */
  [NOTICE](message: JsonRpcNotification, info: MessageInfo | undefined): void {
    this.#onNotification(message, info);
  }

  /** @internal */
  [BATCHES](): boolean {
    return this.#era === "legacy" && allowsBatches(this.#legacy?.protocolVersion);
  }

  /** @internal */
  [ENDED](): void {
    this.#isClosed = true;
    this.#markClosed?.();
    this.#dispatch.onClose?.(this);
  }

  /** @internal */
  [FAILED](error: Error): void {
    this.#dispatch.onError?.(error);
  }

  start(): Promise<void> {
    return this.#session.start();
  }

  close(): Promise<void> {
    return this.#session.close();
  }

  /** The era this connection speaks, once its first request succeeded. */
  get era(): Era | undefined {
    return this.#era;
  }

  /** The negotiated legacy version, when the era is legacy. */
  get protocolVersion(): string | undefined {
    return this.#legacy?.protocolVersion;
  }

  get clientInfo(): Implementation | undefined {
    return this.#legacy?.clientInfo;
  }

  get clientCapabilities(): JsonObject | undefined {
    return this.#legacy?.clientCapabilities;
  }

  /** True after the legacy handshake completed. */
  get initialized(): boolean {
    return this.#initialized;
  }

  /** Sends an unsolicited notification (legacy era only: modern servers notify through listen streams). */
  notify(method: string, params?: JsonObject): Promise<void> {
    if (this.#era !== "legacy") return Promise.resolve();
    return this.#session.notify(method, params);
  }

  /** Sends a server-to-client request; only the legacy era has them. */
  request(method: string, params?: JsonObject, options?: RequestOptions): Promise<JsonObject> {
    if (this.#era !== "legacy") {
      return Promise.reject(
        new SdkError(SdkErrorCode.Protocol, "Servers send no requests to 2026-07-28 clients"),
      );
    }
    return this.#session.request(method, params, options);
  }

  /** Not async: the session awaits the answer (a throw here rejects it), so sync answers cost no tick. */
  #onRequest(inbound: InboundRequest): Promise<JsonObject> | JsonObject {
    const { method, params } = inbound;
    // A request that claims 2026-07-28 is modern even when it is `initialize` (answered -32601).
    const modern =
      this.#era === undefined && !this.#legacyOnly && (method === "server/discover" || hasModernMeta(params));
    if (this.#era === "modern" || modern) return this.#serveModern(inbound);
    if (method === "initialize") return this.#initialize(inbound);
    if (method === "ping") return {};
    const legacy = this.#legacy;
    if (!legacy) {
      throw new McpError(
        ErrorCode.InvalidRequest,
        "Server not initialized: send initialize first, or a 2026-07-28 request with _meta protocolVersion",
      );
    }
    return this.#dispatch.handleRequest({
      inbound,
      connection: this,
      era: "legacy",
      protocolVersion: legacy.protocolVersion,
      clientCapabilities: legacy.clientCapabilities,
      clientInfo: legacy.clientInfo,
      logLevel: undefined,
    });
  }

  #initialize(inbound: InboundRequest): JsonObject {
    if (inbound.inBatch)
      throw new McpError(ErrorCode.InvalidRequest, "initialize must not be part of a batch");
    if (this.#legacy) throw new McpError(ErrorCode.InvalidRequest, "Server already initialized");
    const handshake = answerInitialize(inbound.params, this.#identity);
    const { protocolVersion, clientCapabilities, clientInfo } = handshake;
    this.#legacy = { protocolVersion, clientCapabilities, clientInfo };
    this.#era = "legacy";
    return handshake.result;
  }

  #serveModern(inbound: InboundRequest): Promise<JsonObject> | JsonObject {
    refuseLegacyOnly(inbound.method);
    const meta = readModernMeta(inbound.params);
    this.#era = "modern";
    return answerModern(inbound, meta, this.#identity, this.#dispatch, this);
  }

  #onNotification(message: JsonRpcNotification, _info: MessageInfo | undefined): void {
    if (message.method === "notifications/initialized") {
      if (this.#legacy && !this.#initialized) {
        this.#initialized = true;
        this.#dispatch.onInitialized?.(this);
      }
      return;
    }
    this.#dispatch.handleNotification?.(message, this);
  }
}

/** Session callbacks that forward to their connection: methods on a prototype, no closures. */
class ConnectionHandlers implements SessionHandlers {
  readonly #connection: ServerConnection;

  constructor(connection: ServerConnection) {
    this.#connection = connection;
  }

  onRequest(inbound: InboundRequest): Promise<JsonObject> | JsonObject {
    return this.#connection[RECEIVE](inbound);
  }

  onNotification(message: JsonRpcNotification, info: MessageInfo | undefined): void {
    this.#connection[NOTICE](message, info);
  }

  acceptsBatch(): boolean {
    return this.#connection[BATCHES]();
  }

  onClose(): void {
    this.#connection[ENDED]();
  }

  onError(error: Error): void {
    this.#connection[FAILED](error);
  }
}
