import { SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import type { JsonObject, RequestId } from "../jsonrpc/index.js";
import type { Era, Implementation, ServerConnection, ServerRequest } from "../protocol/index.js";
import type { RequestOptions } from "../session/index.js";

/**
 * What a low-level handler knows about the request it answers and how it may talk back.
 *
 * @example
 * server.handle("tools/call", async (params, ctx) => {
 *   await ctx.notify("notifications/progress", { progressToken: 1, progress: 50, total: 100 });
 *   return { content: [{ type: "text", text: `era: ${ctx.era}` }] };
 * });
 */
export interface RequestContext {
  readonly id: RequestId;
  readonly method: string;
  /** The request's params as received (never validated at this level). */
  readonly params: JsonObject | undefined;
  /**
   * The connection the request came on; undefined for a 2026-07-28 request served on its own
   * (over HTTP each POST stands alone, with no connection before or after it).
   */
  readonly connection: ServerConnection | undefined;
  /** Aborted when the client cancels, disconnects, or the connection closes. */
  readonly signal: AbortSignal;
  readonly era: Era;
  /** The negotiated (legacy) or per-request (modern) protocol version. */
  readonly protocolVersion: string;
  readonly clientCapabilities: JsonObject;
  readonly clientInfo: Implementation | undefined;
  /** The request's `_meta`, if any (progress token, trace context, 2026 client facts). */
  readonly meta: JsonObject | undefined;
  /** HTTP request headers, when the request came over HTTP. */
  readonly headers: Headers | undefined;
  /** Verified credentials, when an auth layer put them on the request. */
  readonly authInfo: Readonly<Record<string, unknown>> | undefined;
  /** Ends this request's HTTP stream early (SSE polling); undefined where there is no such stream. */
  readonly closeStream: (() => void) | undefined;
  /** Per-request log level of a modern request; undefined: send no log notifications for it. */
  readonly logLevel: string | undefined;
  /** Sends a notification tied to this request (progress, logs). */
  notify(method: string, params?: JsonObject): Promise<void>;
  /** Sends a request to the client on behalf of this one; legacy era only. */
  sendRequest(method: string, params?: JsonObject, options?: RequestOptions): Promise<JsonObject>;
}

/** The same request with other params (middleware may change them); everything else is shared. */
export function withParams(request: RequestContext, params: JsonObject | undefined): RequestContext {
  return Object.create(request, {
    params: { value: params, enumerable: true },
    meta: { value: metaOf(params), enumerable: true },
  }) as RequestContext;
}

function metaOf(params: JsonObject | undefined): JsonObject | undefined {
  const meta = params?._meta;
  return typeof meta === "object" && meta !== null && !Array.isArray(meta) ? (meta as JsonObject) : undefined;
}

const INBOUND = Symbol("inbound");

/**
 * The handler's view of one request: plain fields read once, methods on the prototype, so that a
 * call allocates one object and no closures. (`withParams` derives from it with Object.create,
 * so state lives in a symbol-keyed field, not a private one.)
 */
class ServerRequestContext implements RequestContext {
  readonly id: RequestId;
  readonly method: string;
  readonly params: JsonObject | undefined;
  readonly connection: ServerConnection | undefined;
  readonly era: Era;
  readonly protocolVersion: string;
  readonly clientCapabilities: JsonObject;
  readonly clientInfo: Implementation | undefined;
  readonly meta: JsonObject | undefined;
  readonly headers: Headers | undefined;
  readonly authInfo: Readonly<Record<string, unknown>> | undefined;
  readonly closeStream: (() => void) | undefined;
  readonly logLevel: string | undefined;
  readonly [INBOUND]: ServerRequest["inbound"];

  constructor(request: ServerRequest) {
    const { inbound } = request;
    const info = inbound.info;
    this.id = inbound.id;
    this.method = inbound.method;
    this.params = inbound.params;
    this.connection = request.connection;
    this.era = request.era;
    this.protocolVersion = request.protocolVersion;
    this.clientCapabilities = request.clientCapabilities;
    this.clientInfo = request.clientInfo;
    this.meta = metaOf(inbound.params);
    this.headers = info?.headers;
    this.authInfo = info?.authInfo;
    this.closeStream = info?.closeStream;
    this.logLevel = request.logLevel;
    this[INBOUND] = inbound;
  }

  get signal(): AbortSignal {
    return this[INBOUND].signal;
  }

  notify(method: string, params?: JsonObject): Promise<void> {
    return this[INBOUND].notify(method, params);
  }

  sendRequest(method: string, params?: JsonObject, options?: RequestOptions): Promise<JsonObject> {
    if (this.era !== "legacy") {
      return Promise.reject(
        new SdkError(
          SdkErrorCode.Protocol,
          "Servers send no requests to 2026-07-28 clients; use an input_required result",
        ),
      );
    }
    return this[INBOUND].request(method, params, options);
  }
}

/** Builds the handler's view of a request; nothing is copied but the fields it reads. */
export function toRequestContext(request: ServerRequest): RequestContext {
  return new ServerRequestContext(request);
}
