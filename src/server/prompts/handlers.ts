import { ErrorCode, McpError, isJsonObject } from "../../jsonrpc/index.js";
import type { JsonObject } from "../../jsonrpc/index.js";
import { formatIssues } from "../../schema/issues.js";
import { toPromptMessages } from "../content/index.js";
import { runHandler } from "../run-handler.js";
import type { McpDeps } from "../mcp-deps.js";
import { listPage } from "../pagination.js";
import type { RequestContext } from "../request-context.js";

/** prompts/list. */
export function listPrompts<L>(deps: McpDeps<L>, params: JsonObject | undefined): JsonObject {
  return listPage("prompts", deps.prompts.enabled(), params?.cursor, deps.pageSize, (entry) => entry.prompt);
}

/** prompts/get: unknown prompt or invalid arguments are -32602 (prompts have no error results). */
export async function getPrompt<L>(deps: McpDeps<L>, request: RequestContext): Promise<JsonObject> {
  const name = request.params?.name;
  if (typeof name !== "string")
    throw new McpError(ErrorCode.InvalidParams, "prompts/get needs a prompt name");
  const entry = deps.prompts.get(name);
  if (!entry) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${name}`);
  const rawArgs = request.params?.arguments ?? {};
  let args: unknown = rawArgs;
  if (entry.args) {
    const checked = await entry.args.validate(rawArgs);
    if (!checked.ok) {
      throw new McpError(
        ErrorCode.InvalidParams,
        `Invalid arguments for prompt "${name}": ${formatIssues(checked.issues)}`,
      );
    }
    args = checked.value;
  }
  const outcome = await runHandler(deps, request, (ctx) => entry.handler(args, ctx));
  if (outcome.kind === "input") return outcome.result;
  const value = outcome.value;
  if (isJsonObject(value) && Array.isArray(value.messages)) return value;
  const result: JsonObject = { messages: await toPromptMessages(value) };
  if (entry.prompt.description !== undefined) result.description = entry.prompt.description;
  return result;
}
