import { ErrorCode, McpError, isJsonObject } from "../../jsonrpc/index.js";
import type { JsonObject } from "../../jsonrpc/index.js";
import { formatIssues } from "../../schema/issues.js";
import { runHandler } from "../run-handler.js";
import type { McpDeps } from "../mcp-deps.js";
import { listPage } from "../pagination.js";
import type { RequestContext } from "../request-context.js";
import { ToolError } from "../tool-error.js";
import { InvalidToolOutput, toCallToolResult, toolErrorResult } from "./tool-result.js";

/** tools/list: every enabled tool's description, paginated. */
export function listTools<L>(deps: McpDeps<L>, params: JsonObject | undefined): JsonObject {
  return listPage("tools", deps.tools.enabled(), params?.cursor, deps.pageSize, (entry) => entry.tool);
}

/**
 * tools/call: unknown tool -> -32602; invalid arguments -> a tool error the model can read; then
 * the handler, in either era's input flow. A ToolError is shown to the model, an McpError becomes
 * a JSON-RPC error, anything else a generic tool error with the detail logged (never sent).
 */
export async function callTool<L>(deps: McpDeps<L>, request: RequestContext): Promise<JsonObject> {
  const name = request.params?.name;
  if (typeof name !== "string") throw new McpError(ErrorCode.InvalidParams, "tools/call needs a tool name");
  const entry = deps.tools.get(name);
  if (!entry) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
  const rawArgs = request.params?.arguments ?? {};
  if (!isJsonObject(rawArgs))
    return toolErrorResult(`Invalid arguments for tool "${name}": arguments must be an object`);
  let args: unknown = rawArgs;
  if (entry.input) {
    // Awaits only what is pending (see MaybePromise): most schema libraries validate synchronously.
    let checked = entry.input.validate(rawArgs);
    if (checked instanceof Promise) checked = await checked;
    if (!checked.ok)
      return toolErrorResult(`Invalid arguments for tool "${name}": ${formatIssues(checked.issues)}`);
    args = checked.value;
  }
  try {
    let outcome = runHandler(deps, request, (ctx) => entry.handler(args, ctx));
    if (outcome instanceof Promise) outcome = await outcome;
    if (outcome.kind === "input") return outcome.result;
    const result = toCallToolResult(outcome.value, entry);
    return result instanceof Promise ? await result : result;
  } catch (error) {
    if (error instanceof McpError) throw error;
    if (error instanceof ToolError) return toolErrorResult(error.message);
    if (request.signal.aborted) throw error; // cancelled: nobody reads the answer, nothing to log
    deps.onError(error instanceof Error ? error : new Error(String(error)));
    const detail = error instanceof InvalidToolOutput ? "returned an invalid result" : "failed";
    return toolErrorResult(`Tool "${name}" ${detail}; the server logged the details`);
  }
}
