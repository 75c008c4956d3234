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
  /** The connection the request came on. */
  readonly connection: ServerConnection;
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

/** Builds the handler's view of a request; plain getters over the protocol's request, nothing copied. */
export function toRequestContext(request: ServerRequest): RequestContext {
  const { inbound } = request;
  return {
    id: inbound.id,
    method: inbound.method,
    params: inbound.params,
    connection: request.connection,
    get signal() {
      return inbound.signal;
    },
    era: request.era,
    protocolVersion: request.protocolVersion,
    clientCapabilities: request.clientCapabilities,
    clientInfo: request.clientInfo,
    meta: metaOf(inbound.params),
    headers: inbound.info?.headers,
    authInfo: inbound.info?.authInfo,
    closeStream: inbound.info?.closeStream,
    logLevel: request.logLevel,
    notify: (method, params) => inbound.notify(method, params),
    sendRequest: (method, params, options) => {
      if (request.era !== "legacy") {
        return Promise.reject(
          new SdkError(
            SdkErrorCode.Protocol,
            "Servers send no requests to 2026-07-28 clients; use an input_required result",
          ),
        );
      }
      return inbound.request(method, params, options);
    },
  };
}
