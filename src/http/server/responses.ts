import { ErrorCode } from "../../jsonrpc/index.js";
import type { JsonRpcErrorObject, RequestId } from "../../jsonrpc/index.js";

/* Plain HTTP answers. Every error body is a JSON-RPC error (clients parse it) and none carries
   a stack, a path or anything else from the server's inside. */

const JSON_HEADERS = { "content-type": "application/json" } as const;

/** A JSON body with a status and extra headers. */
export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  const merged = new Headers(headers);
  merged.set("content-type", "application/json");
  return new Response(JSON.stringify(body), { status, headers: merged });
}

/** A JSON-RPC error as an HTTP response (id null unless the request's id is known). */
export function errorResponse(
  status: number,
  code: number,
  message: string,
  id: RequestId | null = null,
  data?: unknown,
): Response {
  const error: JsonRpcErrorObject = data === undefined ? { code, message } : { code, message, data };
  return new Response(JSON.stringify({ jsonrpc: "2.0", id, error }), { status, headers: JSON_HEADERS });
}

/** 202: a body of only notifications or responses was accepted. */
export function accepted(): Response {
  return new Response(null, { status: 202 });
}

export const badRequest = (message: string, id: RequestId | null = null): Response =>
  errorResponse(400, ErrorCode.ConnectionClosed, `Bad Request: ${message}`, id);

export const methodNotAllowed = (allow: string): Response =>
  new Response(
    JSON.stringify({
      jsonrpc: "2.0",
      id: null,
      error: { code: ErrorCode.ConnectionClosed, message: "Method not allowed" },
    }),
    { status: 405, headers: { ...JSON_HEADERS, allow } },
  );
