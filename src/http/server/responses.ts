import { ErrorCode } from "../../jsonrpc/index.js";
import type { JsonRpcErrorObject, RequestId } from "../../jsonrpc/index.js";
import type { HttpReply } from "./exchange.js";

/* Plain HTTP answers. Every error body is a JSON-RPC error (clients parse it) and none carries
   a stack, a path or anything else from the server's inside. */

const JSON_HEADERS: Readonly<Record<string, string>> = { "content-type": "application/json" };

/** A JSON body with a status and extra headers (lower-case names). */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers?: Readonly<Record<string, string>>,
): HttpReply {
  return {
    status,
    headers: headers ? Object.assign({ "content-type": "application/json" }, headers) : JSON_HEADERS,
    body: JSON.stringify(body),
  };
}

/** A JSON-RPC error as an HTTP response (id null unless the request's id is known). */
export function errorResponse(
  status: number,
  code: number,
  message: string,
  id: RequestId | null = null,
  data?: unknown,
): HttpReply {
  const error: JsonRpcErrorObject = data === undefined ? { code, message } : { code, message, data };
  return { status, headers: JSON_HEADERS, body: JSON.stringify({ jsonrpc: "2.0", id, error }) };
}

const ACCEPTED: HttpReply = { status: 202, headers: {}, body: null };

/** 202: a body of only notifications or responses was accepted. */
export function accepted(): HttpReply {
  return ACCEPTED;
}

/** An empty answer with a status (200 for DELETE, 204 for a preflight). */
export function emptyResponse(status: number, headers: Readonly<Record<string, string>> = {}): HttpReply {
  return { status, headers, body: null };
}

export const badRequest = (message: string, id: RequestId | null = null): HttpReply =>
  errorResponse(400, ErrorCode.ConnectionClosed, `Bad Request: ${message}`, id);

export const methodNotAllowed = (allow: string): HttpReply => ({
  status: 405,
  headers: { ...JSON_HEADERS, allow },
  body: JSON.stringify({
    jsonrpc: "2.0",
    id: null,
    error: { code: ErrorCode.ConnectionClosed, message: "Method not allowed" },
  }),
});

/** True for an answer (rather than a parsed value): the checks return one to refuse a request. */
export function isReply(value: unknown): value is HttpReply {
  return typeof value === "object" && value !== null && "status" in value && "body" in value;
}
