import type {
  JsonObject,
  JsonRpcErrorResponse,
  JsonRpcMessage,
  JsonRpcNotification,
  JsonRpcRequest,
  JsonRpcResponse,
  JsonRpcResultResponse,
  RequestId,
} from "./message.js";

/*
 * Strict guards for untrusted input, written as plain checks (no schema library): exact-case
 * keys only, `jsonrpc: "2.0"`, ids that are strings or finite numbers, params/results objects.
 * Unknown members make a message invalid, so a typo such as "Method" is never half-accepted.
 */

const REQUEST_KEYS = new Set(["jsonrpc", "id", "method", "params"]);
const NOTIFICATION_KEYS = new Set(["jsonrpc", "method", "params"]);
const RESULT_KEYS = new Set(["jsonrpc", "id", "result"]);
const ERROR_KEYS = new Set(["jsonrpc", "id", "error"]);

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a valid JSON-RPC id: a string or a finite number. */
export function isRequestId(value: unknown): value is RequestId {
  return typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
}

function hasOnlyKeys(value: JsonObject, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

function hasValidParams(value: JsonObject): boolean {
  return value.params === undefined || isJsonObject(value.params);
}

export function isJsonRpcRequest(value: unknown): value is JsonRpcRequest {
  return (
    isJsonObject(value) &&
    value.jsonrpc === "2.0" &&
    typeof value.method === "string" &&
    isRequestId(value.id) &&
    hasValidParams(value) &&
    hasOnlyKeys(value, REQUEST_KEYS)
  );
}

export function isJsonRpcNotification(value: unknown): value is JsonRpcNotification {
  return (
    isJsonObject(value) &&
    value.jsonrpc === "2.0" &&
    typeof value.method === "string" &&
    !("id" in value) &&
    hasValidParams(value) &&
    hasOnlyKeys(value, NOTIFICATION_KEYS)
  );
}

export function isJsonRpcResultResponse(value: unknown): value is JsonRpcResultResponse {
  return (
    isJsonObject(value) &&
    value.jsonrpc === "2.0" &&
    isRequestId(value.id) &&
    isJsonObject(value.result) &&
    hasOnlyKeys(value, RESULT_KEYS)
  );
}

export function isJsonRpcErrorResponse(value: unknown): value is JsonRpcErrorResponse {
  if (!isJsonObject(value) || value.jsonrpc !== "2.0" || !hasOnlyKeys(value, ERROR_KEYS)) return false;
  if (value.id !== null && !isRequestId(value.id)) return false;
  const error = value.error;
  return isJsonObject(error) && Number.isInteger(error.code) && typeof error.message === "string";
}

export function isJsonRpcResponse(value: unknown): value is JsonRpcResponse {
  return isJsonRpcResultResponse(value) || isJsonRpcErrorResponse(value);
}

/** True for any single valid JSON-RPC message. */
export function isJsonRpcMessage(value: unknown): value is JsonRpcMessage {
  if (!isJsonObject(value)) return false;
  if ("method" in value) return "id" in value ? isJsonRpcRequest(value) : isJsonRpcNotification(value);
  return isJsonRpcResponse(value);
}

/**
 * The id to answer an invalid message with: its own id when that id is valid, else null
 * (JSON-RPC 2.0 §5: null when the id could not be determined).
 */
export function idOfInvalid(value: unknown): RequestId | null {
  return isJsonObject(value) && isRequestId(value.id) ? value.id : null;
}
