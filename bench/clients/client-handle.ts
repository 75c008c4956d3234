import type { Era } from "../impls.js";

/** A connected client of the client-cost workload: one echo tools/call at a time. */
export interface ClientHandle {
  callEcho(): Promise<void>;
  close(): Promise<void>;
}

/** What each `clients/<impl>.ts` exports: connect to a stdio server started as `command args`. */
export type ConnectClient = (command: string, args: readonly string[], era: Era) => Promise<ClientHandle>;

/** Throws unless a tools/call result is the echo the bench asked for. */
export function checkEcho(result: unknown, expected: string): void {
  const content = (result as { content?: unknown } | undefined)?.content;
  const first = Array.isArray(content) ? (content[0] as { text?: unknown } | undefined) : undefined;
  if (first?.text !== expected)
    throw new Error(`Unexpected tool result: ${JSON.stringify(result).slice(0, 200)}`);
}
