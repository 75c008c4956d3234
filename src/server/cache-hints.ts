import type { JsonObject } from "../jsonrpc/index.js";
import type { RequestContext } from "./request-context.js";

/**
 * How long a 2026-07-28 client (or a shared cache, when public) may reuse a result. Without a
 * hint, results go out with `ttlMs: 0, cacheScope: "private"` (do not reuse).
 */
export interface CacheHint {
  readonly ttlMs: number;
  readonly cacheScope?: "public" | "private";
}

/** The list methods whose results may carry a hint. */
export type CacheableList = "tools/list" | "prompts/list" | "resources/list" | "resources/templates/list";

/**
 * Puts the hint on a modern result. Legacy results stay as they were, and so do MRTR retries:
 * the spec forbids caching results of requests that carried inputResponses or requestState.
 */
export function withCacheHint(
  result: JsonObject,
  request: RequestContext,
  hint: CacheHint | undefined,
): JsonObject {
  if (!hint || request.era !== "modern" || result.resultType === "input_required") return result;
  const params = request.params;
  if (params?.inputResponses !== undefined || params?.requestState !== undefined) return result;
  return { ...result, ttlMs: Math.max(0, hint.ttlMs), cacheScope: hint.cacheScope ?? "private" };
}
