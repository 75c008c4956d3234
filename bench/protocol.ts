/**
 * The wire constants every side of the bench shares (load generator, raw server, raw client), so
 * no SDK's own helpers shape the requests.
 */
export const LEGACY_VERSION = "2025-11-25";
export const MODERN_VERSION = "2026-07-28";

export const META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
export const META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
export const META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
export const META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

export const CLIENT_INFO = { name: "bench-load", version: "1.0.0" } as const;

/** The `_meta` a 2026-07-28 request carries. */
export const MODERN_META = {
  [META_PROTOCOL_VERSION]: MODERN_VERSION,
  [META_CLIENT_CAPABILITIES]: {},
  [META_CLIENT_INFO]: CLIENT_INFO,
} as const;

/** The tool every workload calls, and the one whose result size is chosen by the caller. */
export const ECHO_TOOL = "echo";
export const BLOB_TOOL = "blob";
export const ECHO_TEXT = "hello, bench";

/** Params of a legacy initialize. */
export function initializeParams(): Record<string, unknown> {
  return { protocolVersion: LEGACY_VERSION, capabilities: {}, clientInfo: CLIENT_INFO };
}

/** Params of a tools/call in either era (modern ones carry the per-request `_meta`). */
export function toolCallParams(name: string, args: Record<string, unknown>, modern: boolean): object {
  return modern ? { name, arguments: args, _meta: MODERN_META } : { name, arguments: args };
}

/** Params of a params-less request (tools/list) in either era. */
export function listParams(modern: boolean): object | undefined {
  return modern ? { _meta: MODERN_META } : undefined;
}

/** A JSON-RPC request line, built from pre-serialised params so the load generator stays cheap. */
export function requestLine(id: number, method: string, paramsJson: string | undefined): string {
  const params = paramsJson === undefined ? "" : `,"params":${paramsJson}`;
  return `{"jsonrpc":"2.0","id":${id},"method":"${method}"${params}}`;
}

/** A JSON-RPC notification line. */
export function notificationLine(method: string): string {
  return `{"jsonrpc":"2.0","method":"${method}"}`;
}

/** The id of a JSON-RPC response, or undefined for anything else. */
export function responseId(message: unknown): number | string | undefined {
  if (typeof message !== "object" || message === null || "method" in message) return undefined;
  const id = (message as { id?: unknown }).id;
  return typeof id === "number" || typeof id === "string" ? id : undefined;
}

/** Throws unless a response carries a result (an error or an `isError` tool result fails the cell). */
export function checkResult(message: unknown): Record<string, unknown> {
  const result = (message as { result?: unknown } | null)?.result;
  if (typeof result !== "object" || result === null) {
    throw new Error(`Expected a result, got ${JSON.stringify(message).slice(0, 300)}`);
  }
  if ((result as { isError?: unknown }).isError === true) {
    throw new Error(`The tool failed: ${JSON.stringify(result).slice(0, 300)}`);
  }
  return result as Record<string, unknown>;
}
