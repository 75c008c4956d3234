import type { StandardSchemaV1 } from "./standard-schema.js";

/**
 * One problem found in a value, whichever library found it.
 *
 * @example
 * const issue: SchemaIssue = { path: "items[0].name", message: "Expected string, received number" };
 */
export interface SchemaIssue {
  /** A readable message. */
  readonly message: string;
  /** Where the problem is, e.g. `a.b[0]` or `["odd key"]`; `""` for the value itself. */
  readonly path: string;
}

/**
 * The outcome of validating a value: the (possibly transformed) value, or the issues found.
 *
 * @example
 * const result: ValidationResult<number> = { ok: false, issues: [{ path: "", message: "Required" }] };
 * if (result.ok) console.log(result.value + 1);
 */
export type ValidationResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

/**
 * Options of {@link formatIssues}.
 *
 * @example
 * formatIssues(issues, { maxLines: 5 } satisfies FormatIssuesOptions);
 */
export interface FormatIssuesOptions {
  /** Lines shown before the rest is summarised as "… and N more issues"; 20 by default. */
  readonly maxLines?: number;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Renders a path as JavaScript-like accessors: `a.b[0]`, `["odd key"]`; `""` for the root.
 *
 * @example
 * formatPath(["items", 0, "first name"]); // 'items[0]["first name"]'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "symbol") out += `[${key.toString()}]`;
    else if (IDENTIFIER.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/**
 * Converts a Standard Schema issue (path of keys or `{ key }` segments) to a {@link SchemaIssue}.
 *
 * @example
 * fromStandardIssue({ message: "Required", path: ["a", { key: 0 }] }); // { path: "a[0]", ... }
 */
export function fromStandardIssue(issue: StandardSchemaV1.Issue): SchemaIssue {
  const keys = (issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment));
  return { message: issue.message, path: formatPath(keys) };
}

/**
 * One readable line per issue (`path: message`, or the message alone at the root), for tool error text.
 *
 * @example
 * formatIssues([{ path: "b", message: "Expected number, received string" }]);
 * // "b: Expected number, received string"
 */
export function formatIssues(issues: readonly SchemaIssue[], options: FormatIssuesOptions = {}): string {
  const max = options.maxLines ?? 20;
  // A bad array of thousands of items must not flood the model's context with one line each.
  const shown = issues.length > max ? issues.slice(0, max) : issues;
  const lines = shown.map((issue) => (issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`));
  const hidden = issues.length - shown.length;
  if (hidden > 0) lines.push(`… and ${hidden} more issue${hidden === 1 ? "" : "s"}`);
  return lines.join("\n");
}
