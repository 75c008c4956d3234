import { ErrorCode, McpError, resultResponse } from "../jsonrpc/index.js";
import type { JsonObject, JsonRpcResponse } from "../jsonrpc/index.js";
import type { InboundRequest } from "../session/index.js";
import { isPromiseLike } from "../util/maybe-promise.js";
import type { MaybePromise } from "../util/maybe-promise.js";
import type { ServerIdentity } from "./implementation.js";
import { LEGACY_ONLY_METHODS } from "./meta-keys.js";
import { readModernMeta, toModernResult } from "./modern-request.js";
import type { ModernRequestMeta } from "./modern-request.js";
import type { ServerConnection, ServerDispatch } from "./server-connection.js";
import { MODERN_PROTOCOL_VERSIONS } from "./versions.js";

/** Methods of the legacy lifecycle do not exist in 2026-07-28: -32601. */
export function refuseLegacyOnly(method: string): void {
  if (LEGACY_ONLY_METHODS.has(method)) {
    throw new McpError(ErrorCode.MethodNotFound, `Method not found: ${method} does not exist in 2026-07-28`);
  }
}

/**
 * Answers a 2026-07-28 request whose `_meta` has been read: `server/discover` here, anything else
 * by the dispatch, and the result completed (resultType, serverInfo, cache hints). Awaits only a
 * pending answer.
 */
export function answerModern(
  inbound: InboundRequest,
  meta: ModernRequestMeta,
  identity: ServerIdentity,
  dispatch: ServerDispatch,
  connection: ServerConnection | undefined,
): MaybePromise<JsonObject> {
  const { method } = inbound;
  const serverInfo = identity.serverInfo;
  if (method === "server/discover") return toModernResult(method, discoverResult(identity), serverInfo);
  // Fields named, not spread: a spread builds the object key by key, slowly, on every request.
  const result = dispatch.handleRequest({
    inbound,
    connection,
    era: "modern",
    protocolVersion: meta.protocolVersion,
    clientCapabilities: meta.clientCapabilities,
    clientInfo: meta.clientInfo,
    logLevel: meta.logLevel,
  });
  if (isPromiseLike(result))
    return Promise.resolve(result).then((value) => toModernResult(method, value, serverInfo));
  return toModernResult(method, result, serverInfo);
}

/**
 * Serves one 2026-07-28 request on its own, with no connection or session: what stateless HTTP
 * does with every POST. Always yields a response: a failure becomes an error response, and one
 * that is not an McpError is reported to `dispatch.onError` and masked on the wire.
 *
 * @example
 * const response = serveModernRequest(inbound, identity, dispatch); // a response, or a promise of one
 */
export function serveModernRequest(
  inbound: InboundRequest,
  identity: ServerIdentity,
  dispatch: ServerDispatch,
): MaybePromise<JsonRpcResponse> {
  const fail = (error: unknown): JsonRpcResponse =>
    inbound.failureAnswer(error, (failure) => dispatch.onError?.(failure));
  try {
    refuseLegacyOnly(inbound.method);
    const answer = answerModern(inbound, readModernMeta(inbound.params), identity, dispatch, undefined);
    if (isPromiseLike(answer)) return answer.then((result) => resultResponse(inbound.id, result), fail);
    return resultResponse(inbound.id, answer);
  } catch (error) {
    return fail(error);
  }
}

function discoverResult(identity: ServerIdentity): JsonObject {
  const { capabilities, instructions } = identity;
  const result: JsonObject = { supportedVersions: [...MODERN_PROTOCOL_VERSIONS], capabilities };
  if (instructions !== undefined) result.instructions = instructions;
  return result;
}
