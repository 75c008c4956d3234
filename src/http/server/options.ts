import type { EventStore } from "../../store/index.js";
import type { CorsOptions } from "./cors.js";
import type { GuardOptions } from "./guards.js";
import type { BodyLimits } from "./read-body.js";
import type { SessionLimits } from "./sessions.js";

/** Options of {@link createMcpHandler}; every default is the safe one. */
export interface McpHandlerOptions extends GuardOptions, BodyLimits, SessionLimits {
  /**
   * How legacy (initialize-based) clients are served: "stateful" sessions with Mcp-Session-Id
   * (default), "stateless" (every POST on its own, no server-to-client requests), or "reject".
   * 2026-07-28 clients are always served statelessly.
   */
  readonly legacy?: "stateful" | "stateless" | "reject";
  /** Answer legacy POSTs with JSON bodies only, never SSE (then related notifications go to GET). */
  readonly jsonResponse?: boolean;
  /**
   * Where legacy SSE events are kept so clients can resume dropped streams (Last-Event-ID).
   * Default: an in-memory store with a 16 MiB cap. `false` turns resumability off.
   */
  readonly eventStore?: EventStore | false;
  /** The `retry` (ms) announced on resumable streams: how long clients wait to reconnect. Default 1000. */
  readonly retryMs?: number;
  /**
   * Serve the 2024-11-05 HTTP+SSE transport on the same endpoint: a GET without a session opens
   * the SSE stream whose `endpoint` event points back here. Default true.
   */
  readonly legacySse?: boolean;
  /** Answer browsers' CORS preflights and expose the MCP headers. Off by default. */
  readonly cors?: boolean | CorsOptions;
}
