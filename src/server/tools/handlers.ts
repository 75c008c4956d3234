import { ErrorCode, McpError, isJsonObject } from "../../jsonrpc/index.js";
import type { JsonObject } from "../../jsonrpc/index.js";
import { formatIssues } from "../../schema/issues.js";
import type { ValidationResult } from "../../schema/issues.js";
import type { MaybePromise } from "../../util/maybe-promise.js";
import type { WithInput } from "../input/run-with-input.js";
import { runHandler } from "../run-handler.js";
import type { McpDeps } from "../mcp-deps.js";
import { listPage } from "../pagination.js";
import type { RequestContext } from "../request-context.js";
import { ToolError } from "../tool-error.js";
import type { ToolEntry } from "./define-tool.js";
import { InvalidToolOutput, toCallToolResult, toolErrorResult } from "./tool-result.js";
import { toError } from "../../util/to-error.js";

/** tools/list: every enabled tool's description, paginated. */
export function listTools<L>(deps: McpDeps<L>, params: JsonObject | undefined): JsonObject {
  return listPage("tools", deps.tools.enabled(), params?.cursor, deps.pageSize, (entry) => entry.tool);
}

/**
 * tools/call: unknown tool -> -32602; invalid arguments -> a tool error the model can read; then
 * the handler, in either era's input flow. A ToolError is shown to the model, an McpError becomes
 * a JSON-RPC error, anything else a generic tool error with the detail logged (never sent).
 * Not async: a tool that validates and answers synchronously is answered synchronously.
 */
export function callTool<L>(deps: McpDeps<L>, request: RequestContext): MaybePromise<JsonObject> {
  const name = request.params?.name;
  if (typeof name !== "string") throw new McpError(ErrorCode.InvalidParams, "tools/call needs a tool name");
  const entry = deps.tools.get(name);
  if (!entry) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`);
  const rawArgs = request.params?.arguments ?? {};
  if (!isJsonObject(rawArgs))
    return toolErrorResult(`Invalid arguments for tool "${name}": arguments must be an object`);
  if (!entry.input) return runTool(deps, request, entry, rawArgs);
  // Most schema libraries validate synchronously: wait only for one that did not.
  const checked = entry.input.validate(rawArgs);
  const validated = (result: ValidationResult<unknown>): MaybePromise<JsonObject> =>
    result.ok
      ? runTool(deps, request, entry, result.value)
      : toolErrorResult(`Invalid arguments for tool "${name}": ${formatIssues(result.issues)}`);
  return checked instanceof Promise ? checked.then(validated) : validated(checked);
}

function runTool<L>(
  deps: McpDeps<L>,
  request: RequestContext,
  entry: ToolEntry<L>,
  args: unknown,
): MaybePromise<JsonObject> {
  const failed = (error: unknown): JsonObject => toolFailure(deps, request, entry.tool.name, error);
  try {
    const outcome = runHandler(deps, request, (ctx) => entry.handler(args, ctx));
    const result =
      outcome instanceof Promise
        ? outcome.then((settled) => completed(settled, entry))
        : completed(outcome, entry);
    return result instanceof Promise ? result.then(undefined, failed) : result;
  } catch (error) {
    return failed(error);
  }
}

function completed<L>(outcome: WithInput<unknown>, entry: ToolEntry<L>): MaybePromise<JsonObject> {
  return outcome.kind === "input" ? outcome.result : toCallToolResult(outcome.value, entry);
}

/** What a throwing tool answers; an McpError (and a cancelled call's failure) is thrown on. */
function toolFailure<L>(deps: McpDeps<L>, request: RequestContext, name: string, error: unknown): JsonObject {
  if (error instanceof McpError) throw error;
  if (error instanceof ToolError) return toolErrorResult(error.message);
  if (request.signal.aborted) throw error; // cancelled: nobody reads the answer, nothing to log
  deps.onError(toError(error));
  const detail = error instanceof InvalidToolOutput ? "returned an invalid result" : "failed";
  return toolErrorResult(`Tool "${name}" ${detail}; the server logged the details`);
}
