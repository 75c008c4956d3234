import { ErrorCode, McpError } from "../jsonrpc/index.js";
import type { Era } from "./versions.js";

/**
 * "Resource not found" in the code of the era (REVISIONS.md §1.5): -32002 up to 2025-11-25,
 * -32602 in 2026-07-28 (whose clients still accept -32002 from older servers).
 *
 * @example
 * throw resourceNotFound("file:///missing.txt", ctx.era);
 */
export function resourceNotFound(uri: string, era: Era): McpError {
  const code = era === "modern" ? ErrorCode.InvalidParams : ErrorCode.ResourceNotFound;
  return new McpError(code, `Resource not found: ${uri}`, { uri });
}

/** True for a resource-not-found error of either era, as a client must read it. */
export function isResourceNotFound(error: unknown): boolean {
  if (!(error instanceof McpError)) return false;
  return (
    error.code === ErrorCode.ResourceNotFound ||
    (error.code === ErrorCode.InvalidParams && hasUri(error.data))
  );
}

function hasUri(data: unknown): boolean {
  return typeof data === "object" && data !== null && typeof (data as { uri?: unknown }).uri === "string";
}
