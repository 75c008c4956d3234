import type { EventStore } from "../../store/index.js";
import type { HttpServable } from "./connectable.js";
import type { LegacySseSessions } from "./legacy-sse.js";
import type { ToolLookup } from "./modern-headers.js";
import type { McpHandlerOptions } from "./options.js";
import type { SessionTable } from "./sessions.js";

/** What the request handlers of one McpHttpHandler share. */
export interface HandlerContext {
  readonly server: HttpServable;
  /** The server's tool lookup (x-mcp-header checks), bound once rather than per request. */
  readonly tools: ToolLookup | undefined;
  readonly options: McpHandlerOptions;
  readonly sessions: SessionTable;
  readonly legacySse: LegacySseSessions;
  readonly store: EventStore | undefined;
  readonly retryMs: number;
}
