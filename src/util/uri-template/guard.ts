/*
 * The path-traversal guard. Resource handlers often map a variable onto a file or key path
 * (`file:///{+path}` -> readFile(root + path)); a decoded `..` segment, a NUL byte or a separator
 * smuggled in as `%2F`/`%5C` would let a client read outside the intended tree.
 */

/**
 * Whether a percent-decoded captured value is safe to hand to a path-backed handler: no NUL byte,
 * no `..` segment (bounded by `/`, `\` or the value's ends) and, for non-reserved variables (only
 * `{+var}` and `{#var}` are reserved), no `/` or `\` at all (a raw `/` never reaches one anyway).
 *
 * @example
 * isSafeValue("docs/readme.md", true); // true
 * isSafeValue("../etc/passwd", true); // false
 * isSafeValue("a/b", false); // false: the slash came from %2F
 */
export function isSafeValue(decoded: string, reserved: boolean): boolean {
  if (decoded.includes("\0")) return false;
  if (!reserved && (decoded.includes("/") || decoded.includes("\\"))) return false;
  return !hasDotDotSegment(decoded);
}

function hasDotDotSegment(value: string): boolean {
  for (let i = value.indexOf(".."); i !== -1; i = value.indexOf("..", i + 1)) {
    if (isBoundary(value, i - 1) && isBoundary(value, i + 2)) return true;
  }
  return false;
}

function isBoundary(value: string, index: number): boolean {
  const char = value[index];
  return char === undefined || char === "/" || char === "\\";
}
