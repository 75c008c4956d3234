import type { ConnectionOptions, ServerConnection } from "../../protocol/index.js";
import type { Transport } from "../../transport/index.js";

/**
 * What the HTTP handler needs of a server: an McpServer or a low-level Server. `getTool` (an
 * McpServer has it) lets the handler check the x-mcp-header parameters of tools/call.
 */
export interface HttpServable {
  connect(transport: Transport, options?: ConnectionOptions): Promise<ServerConnection>;
  getTool?(name: string): { inputSchema: unknown } | undefined;
}
