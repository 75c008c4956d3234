import { ErrorCode, McpError, isJsonObject } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";
import { toCompletion } from "./completions.js";
import type { Completer } from "./completions.js";
import type { McpDeps } from "./mcp-deps.js";

/**
 * completion/complete: suggestions for a prompt argument (`ref/prompt`) or a template variable
 * (`ref/resource`). Nothing to suggest is an empty list, not an error.
 */
export async function complete<L>(deps: McpDeps<L>, params: JsonObject | undefined): Promise<JsonObject> {
  const ref = params?.ref;
  const argument = params?.argument;
  if (!isJsonObject(ref) || !isJsonObject(argument) || typeof argument.name !== "string") {
    throw new McpError(ErrorCode.InvalidParams, "completion/complete needs a ref and an argument name");
  }
  const context =
    isJsonObject(params?.context) && isJsonObject(params.context.arguments) ? params.context.arguments : {};
  const completer = findCompleter(deps, ref, argument.name);
  if (!completer) return toCompletion([]);
  const typed = typeof argument.value === "string" ? argument.value : "";
  return toCompletion(await completer(typed, { arguments: context as Record<string, string> }));
}

function findCompleter<L>(deps: McpDeps<L>, ref: JsonObject, argument: string): Completer | undefined {
  if (ref.type === "ref/prompt" && typeof ref.name === "string") {
    const prompt = deps.prompts.get(ref.name);
    if (!prompt) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${ref.name}`);
    return prompt.completers[argument];
  }
  if (ref.type === "ref/resource" && typeof ref.uri === "string") {
    const template = deps.templates.enabled().find((entry) => entry.resourceTemplate.uriTemplate === ref.uri);
    return template?.config.complete?.[argument];
  }
  throw new McpError(ErrorCode.InvalidParams, "completion/complete: ref must be ref/prompt or ref/resource");
}
