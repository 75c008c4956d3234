import type { JsonRpcResponse } from "../../jsonrpc/index.js";
import type { ConnectionOptions, ServerConnection } from "../../protocol/index.js";
import type { InboundRequest } from "../../session/index.js";
import type { Transport } from "../../transport/index.js";
import type { MaybePromise } from "../../util/maybe-promise.js";

/**
 * What the HTTP handler needs of a server: an McpServer or a low-level Server. Legacy clients
 * get a connection each (`connect`); a 2026-07-28 request is answered on its own
 * (`serveRequest`). `getTool` (an McpServer has it) lets the handler check the x-mcp-header
 * parameters of tools/call.
 */
export interface HttpServable {
  connect(transport: Transport, options?: ConnectionOptions): Promise<ServerConnection>;
  serveRequest(request: InboundRequest): MaybePromise<JsonRpcResponse>;
  getTool?(name: string): { inputSchema: unknown } | undefined;
}
