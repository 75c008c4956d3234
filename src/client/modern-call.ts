import { ErrorCode, McpError } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";
import { INPUT_METHODS, withInputRounds } from "./input-rounds.js";
import type { InputAnswerer } from "./input-rounds.js";
import { iteratePages } from "./paginate.js";

/** How one 2026-07-28 request goes out: `send` puts the client facts in `_meta` and sends it. */
export interface ModernCall {
  readonly method: string;
  readonly params: JsonObject | undefined;
  readonly send: (method: string, params: JsonObject | undefined) => Promise<JsonObject>;
  readonly answer: InputAnswerer;
  readonly maxInputRounds: number;
}

/**
 * Sends one request to a 2026-07-28 server. `input_required` results are answered through the
 * client's handlers round by round. A tools/call refused with -32020 (header mismatch) is retried
 * once after re-listing tools: the transport learns each tool's `Mcp-Param-*` headers from
 * tools/list, so a call made before any listing (or after the tool changed) lacked them.
 */
export async function callModern(call: ModernCall): Promise<JsonObject> {
  try {
    return await callOnce(call);
  } catch (error) {
    if (call.method !== "tools/call" || !isHeaderMismatch(error)) throw error;
    await relistTools(call.send);
    return callOnce(call);
  }
}

function callOnce({ method, params, send, answer, maxInputRounds }: ModernCall): Promise<JsonObject> {
  const sendThis = (current: JsonObject | undefined) => send(method, current);
  if (!INPUT_METHODS.has(method)) return sendThis(params);
  return withInputRounds(params, sendThis, answer, maxInputRounds);
}

async function relistTools(send: ModernCall["send"]): Promise<void> {
  const pages = iteratePages(
    (cursor) => send("tools/list", cursor === undefined ? undefined : { cursor }),
    "tools",
  );
  for await (const tool of pages) void tool; // the transport observes each page as it passes
}

function isHeaderMismatch(error: unknown): boolean {
  return error instanceof McpError && error.code === ErrorCode.HeaderMismatch;
}
