/**
 * JSON-RPC 2.0 message shapes. This layer knows nothing of MCP: params and results are opaque
 * objects that the protocol layer gives meaning to.
 */

/** A request id: a string or a number (JSON-RPC allows null only in error responses). */
export type RequestId = string | number;

/** An object of named members; JSON-RPC params and results are always objects in MCP. */
export type JsonObject = { [key: string]: unknown };

/** A request that expects a response. */
export interface JsonRpcRequest {
  jsonrpc: "2.0";
  id: RequestId;
  method: string;
  params?: JsonObject;
}

/** A one-way message; it never gets a response. */
export interface JsonRpcNotification {
  jsonrpc: "2.0";
  method: string;
  params?: JsonObject;
}

/** A successful response. */
export interface JsonRpcResultResponse {
  jsonrpc: "2.0";
  id: RequestId;
  result: JsonObject;
}

/** The error member of an error response. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** An error response; `id` is null when the request's id could not be read (parse errors). */
export interface JsonRpcErrorResponse {
  jsonrpc: "2.0";
  id: RequestId | null;
  error: JsonRpcErrorObject;
}

export type JsonRpcResponse = JsonRpcResultResponse | JsonRpcErrorResponse;

/** Any single JSON-RPC message. */
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResponse;

/** What travels in one frame: a message, or a batch (only the 2025-03-26 revision allows batches). */
export type JsonRpcPayload = JsonRpcMessage | JsonRpcMessage[];
