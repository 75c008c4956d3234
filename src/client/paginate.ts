import { SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";

/** Fetches one page of a list method with the given cursor. */
export type PageFetcher = (cursor: string | undefined) => Promise<JsonObject>;

/** A loop guard: a server repeating a cursor would otherwise page forever. */
const MAX_PAGES = 10_000;

/**
 * Every item of a paginated list, page by page, as an async iterable: the next page is asked
 * for only when the previous one is used up, and iteration can stop at any time.
 *
 * @example
 * for await (const tool of client.iterateTools()) console.log(tool.name);
 */
export async function* iteratePages<T>(
  fetchPage: PageFetcher,
  key: string,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await fetchPage(cursor);
    const items = result[key];
    if (Array.isArray(items)) yield* items as T[];
    const next = result.nextCursor;
    if (typeof next !== "string" || next === "") return;
    if (seen.has(next))
      throw new SdkError(SdkErrorCode.Protocol, `The server repeated the cursor ${JSON.stringify(next)}`);
    seen.add(next);
    cursor = next;
  }
  throw new SdkError(SdkErrorCode.Protocol, `More than ${MAX_PAGES} pages; giving up`);
}
