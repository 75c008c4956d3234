import type { JsonObject } from "../jsonrpc/index.js";
import type { ClientParams, HandlerResult } from "../protocol/index.js";
import type { RequestContext } from "./request-context.js";

/** One method call as middleware sees it. */
export interface MethodCall<M extends string = string> {
  readonly method: M;
  readonly params: ClientParams<M>;
  readonly ctx: RequestContext;
}

/**
 * Runs around a method: do something before, call `next()` (optionally with changed params),
 * change or inspect the result after, or answer without calling `next` at all (short-circuit).
 *
 * @example
 * mcp.use("tools/list", async (call, next) => {
 *   const result = await next();
 *   return { ...result, tools: result.tools.filter((tool) => !tool.name.startsWith("admin_")) };
 * });
 */
export type Middleware<M extends string = string> = (
  call: MethodCall<M>,
  next: (params?: ClientParams<M>) => Promise<HandlerResult<M>>,
) => Promise<HandlerResult<M>> | HandlerResult<M>;

interface Registered {
  readonly method: string | undefined;
  readonly run: Middleware;
}

/** The middleware chain of a server: global entries run for every method, others for theirs. */
export class MiddlewareChain {
  readonly #entries: Registered[] = [];

  add(method: string | undefined, run: Middleware): void {
    this.#entries.push({ method, run });
  }

  get empty(): boolean {
    return this.#entries.length === 0;
  }

  /** Calls `handler` through every middleware that applies to `method`, first registered outermost. */
  run(
    method: string,
    params: JsonObject | undefined,
    ctx: RequestContext,
    handler: (params: JsonObject | undefined) => Promise<JsonObject>,
  ): Promise<JsonObject> {
    const chain = this.#entries.filter((entry) => entry.method === undefined || entry.method === method);
    const step = async (index: number, current: JsonObject | undefined): Promise<JsonObject> => {
      const entry = chain[index];
      if (!entry) return handler(current);
      const call = { method, params: current, ctx } as MethodCall;
      return await entry.run(call, (next) => step(index + 1, next ?? current));
    };
    return step(0, params);
  }
}
