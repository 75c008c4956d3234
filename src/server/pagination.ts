import { ErrorCode, McpError } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";

/** A list result: one page of `items` under `key` (converted by `toWire`), and the next cursor. */
export function listPage<T>(
  key: string,
  items: readonly T[],
  cursor: unknown,
  pageSize: number | undefined,
  toWire: (item: T) => unknown,
): JsonObject {
  const page = paginate(items, cursor, pageSize);
  const result: JsonObject = { [key]: page.items.map(toWire) };
  if (page.nextCursor !== undefined) result.nextCursor = page.nextCursor;
  return result;
}

/** One page of a list plus the cursor of the next, if any. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | undefined;
}

/**
 * Cuts a list into pages. Cursors are opaque to clients (base64 of an offset); a malformed one is
 * -32602. Without a page size the whole list is one page.
 */
export function paginate<T>(items: readonly T[], cursor: unknown, pageSize: number | undefined): Page<T> {
  const start = cursor === undefined ? 0 : decodeCursor(cursor);
  if (pageSize === undefined)
    return { items: start === 0 ? items : items.slice(start), nextCursor: undefined };
  const end = start + pageSize;
  return { items: items.slice(start, end), nextCursor: end < items.length ? btoa(String(end)) : undefined };
}

/**
 * A page size must be a positive integer: with 0 (or 1.5, NaN) a client would page forever or fail.
 *
 * @example
 * checkPageSize(50); // 50
 */
export function checkPageSize(pageSize: number | undefined): number | undefined {
  if (pageSize === undefined || (Number.isSafeInteger(pageSize) && pageSize > 0)) return pageSize;
  throw new RangeError(`pageSize must be a positive integer, got ${pageSize}`);
}

function decodeCursor(cursor: unknown): number {
  if (typeof cursor === "string") {
    try {
      const offset = Number(atob(cursor));
      if (Number.isSafeInteger(offset) && offset >= 0) return offset;
    } catch {
      // fall through to the error below
    }
  }
  throw new McpError(ErrorCode.InvalidParams, "Invalid cursor");
}
