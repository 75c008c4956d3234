import type { Context } from "./context.js";
import { runWithInput } from "./input/run-with-input.js";
import type { WithInput } from "./input/run-with-input.js";
import type { McpDeps } from "./mcp-deps.js";
import type { RequestContext } from "./request-context.js";
import { isPromiseLike } from "../util/maybe-promise.js";
import type { MaybePromise } from "../util/maybe-promise.js";

/**
 * Runs a tool, prompt or resource handler with its context, in either era's input flow: the
 * one place that builds the context per round and abandons it when the round ends waiting.
 * A legacy handler runs once (its asks are real requests); when its context is ready and it
 * answers synchronously, so does this, and a handler's synchronous throw is thrown here.
 */
export function runHandler<L, T>(
  deps: Pick<McpDeps<L>, "context" | "sealer">,
  request: RequestContext,
  handler: (ctx: Context<L>) => T | Promise<T>,
): MaybePromise<WithInput<T>> {
  if (request.era === "legacy") {
    const ctx = deps.context(request);
    return ctx instanceof Promise ? ctx.then((ready) => settle(handler(ready))) : settle(handler(ctx));
  }
  let ctx: Context<L> | undefined;
  return runWithInput(
    request,
    deps.sealer,
    (round) => {
      const made = deps.context(request, round);
      if (!(made instanceof Promise)) return handler((ctx = made));
      return made.then((ready) => handler((ctx = ready)));
    },
    () => ctx?.abandon(),
  );
}

function settle<T>(value: T | Promise<T>): MaybePromise<WithInput<T>> {
  if (!isPromiseLike(value)) return { kind: "done", value };
  return Promise.resolve(value).then((settled) => ({ kind: "done", value: settled }));
}
