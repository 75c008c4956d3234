import type { Context } from "./context.js";
import type { InputRound } from "./input/input-round.js";
import type { RequestStateSealer } from "./input/request-state.js";
import type { PromptEntry } from "./prompts/define-prompt.js";
import type { Registry } from "./registry.js";
import type { RequestContext } from "./request-context.js";
import type { StaticResourceEntry, TemplateResourceEntry } from "./resources/define-resource.js";
import type { ToolEntry } from "./tools/define-tool.js";

/** What the McpServer's method handlers share: the registries and the per-request plumbing. */
export interface McpDeps<L> {
  readonly tools: Registry<ToolEntry<L>>;
  readonly resources: Registry<StaticResourceEntry<L>>;
  readonly templates: Registry<TemplateResourceEntry<L>>;
  readonly prompts: Registry<PromptEntry<L>>;
  readonly sealer: RequestStateSealer;
  readonly pageSize: number | undefined;
  /** Unexpected errors: logged in full, never sent. */
  readonly onError: (error: Error) => void;
  /**
   * The handler context for a request (with the lifespan value, and an input round in 2026-07-28);
   * synchronous once the lifespan has started, so a call costs no extra microtask.
   */
  context(request: RequestContext, round?: InputRound): Context<L> | Promise<Context<L>>;
}
