import { ErrorCode, McpError } from "../jsonrpc/index.js";

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
