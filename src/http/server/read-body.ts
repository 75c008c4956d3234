import { ErrorCode } from "../../jsonrpc/index.js";
import type { HttpReply, HttpRequestView } from "./exchange.js";
import { errorResponse } from "./responses.js";
import { isPromiseLike } from "../../util/maybe-promise.js";
import type { MaybePromise } from "../../util/maybe-promise.js";

/** Limits on what a request body may be. */
export interface BodyLimits {
  /** Largest accepted body in bytes, enforced while reading. Default 4 MiB. */
  readonly maxBodyBytes?: number;
  /** Deepest accepted JSON nesting. Default 64. */
  readonly maxJsonDepth?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 64;

/**
 * Reads and parses a JSON body: 413 once the cap is passed (reading stops there, so a huge body
 * costs no more than the cap; a declared length over it is refused before reading), 400 -32700
 * for invalid JSON, 400 -32600 for absurd nesting. Not async: a body already read is parsed at
 * once, one still coming costs one `then`.
 */
export function readJsonBody(
  request: HttpRequestView,
  limits: BodyLimits,
): MaybePromise<{ value: unknown } | HttpReply> {
  const max = limits.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) return tooLarge(max);
  const text = request.readBody(max);
  return isPromiseLike(text)
    ? text.then((read) => parseJsonBody(read, max, limits))
    : parseJsonBody(text, max, limits);
}

function parseJsonBody(
  text: string | undefined,
  max: number,
  limits: BodyLimits,
): { value: unknown } | HttpReply {
  if (text === undefined) return tooLarge(max);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return errorResponse(400, ErrorCode.ParseError, "Parse error");
  }
  const maxDepth = limits.maxJsonDepth ?? DEFAULT_MAX_DEPTH;
  // Nesting needs an opening bracket per level: a body with few of them cannot be too deep,
  // and counting characters is much cheaper than walking the parsed value.
  if (openingBrackets(text, maxDepth) > maxDepth && depthExceeds(value, maxDepth)) {
    return errorResponse(400, ErrorCode.InvalidRequest, "Invalid Request: JSON nested too deeply");
  }
  return { value };
}

/** How many `{` and `[` the text holds (strings included), counting no further than `limit + 1`. */
function openingBrackets(text: string, limit: number): number {
  let count = 0;
  // indexOf runs natively: far cheaper than visiting every character from JavaScript.
  for (const bracket of ["{", "["]) {
    for (let at = text.indexOf(bracket); at !== -1 && count <= limit; at = text.indexOf(bracket, at + 1))
      count++;
  }
  return count;
}

/** Checks an already parsed body (a framework read it) against the same depth cap. */
export function checkParsedBody(value: unknown, limits: BodyLimits): { value: unknown } | HttpReply {
  if (depthExceeds(value, limits.maxJsonDepth ?? DEFAULT_MAX_DEPTH)) {
    return errorResponse(400, ErrorCode.InvalidRequest, "Invalid Request: JSON nested too deeply");
  }
  return { value };
}

function tooLarge(max: number): HttpReply {
  return errorResponse(413, ErrorCode.InvalidRequest, `Payload Too Large: the body exceeds ${max} bytes`);
}

/** Iterative depth check: no recursion, so a hostile nesting cannot blow the stack. */
function depthExceeds(root: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
