import type { Context } from "./context.js";
import { runWithInput } from "./input/run-with-input.js";
import type { WithInput } from "./input/run-with-input.js";
import type { McpDeps } from "./mcp-deps.js";
import type { RequestContext } from "./request-context.js";

/**
 * Runs a tool, prompt or resource handler with its context, in either era's input flow: the
 * one place that builds the context per round and abandons it when the round ends waiting.
 */
export function runHandler<L, T>(
  deps: Pick<McpDeps<L>, "context" | "sealer">,
  request: RequestContext,
  handler: (ctx: Context<L>) => T | Promise<T>,
): Promise<WithInput<T>> {
  let ctx: Context<L> | undefined;
  return runWithInput(
    request,
    deps.sealer,
    async (round) => {
      ctx = await deps.context(request, round);
      return handler(ctx);
    },
    () => ctx?.abandon(),
  );
}
