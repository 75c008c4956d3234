import type { OutputUnit } from "@cfworker/json-schema";
import { formatPath } from "./issues.js";
import type { SchemaIssue } from "./issues.js";

/*
 * @cfworker/json-schema reports every failing keyword, including summaries ("Property "a" does not
 * match schema.") that only say a nested keyword failed. Those are dropped; the leaves are kept,
 * with JSON Pointer locations turned into readable paths and the commonest messages reworded.
 */

/** Keywords whose error only announces errors that follow it for a nested location. */
const SUMMARY_KEYWORDS = new Set([
  "$ref",
  "$recursiveRef",
  "properties",
  "patternProperties",
  "additionalProperties",
  "unevaluatedProperties",
  "items",
  "prefixItems",
  "additionalItems",
  "unevaluatedItems",
  "allOf",
]);
const EXTRA_PROPERTY_KEYWORDS = new Set(["additionalProperties", "unevaluatedProperties"]);
const TYPE_MESSAGE = /^Instance type "(\w+)" is invalid\. Expected (.+)\.$/s;
const REQUIRED_MESSAGE = /^Instance does not have required property "(.*)"\.$/s;

/**
 * Turns the validator's output units into issues, resolving array indexes against `value`.
 *
 * @example
 * toSchemaIssues(new Validator(schema, "2020-12", false).validate(value).errors, value);
 */
export function toSchemaIssues(errors: readonly OutputUnit[], value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  errors.forEach((error, index) => {
    if (SUMMARY_KEYWORDS.has(error.keyword)) return;
    const issue = toIssue(error, errors[index - 1], value);
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(issue);
  });
  return issues;
}

function toIssue(error: OutputUnit, previous: OutputUnit | undefined, value: unknown): SchemaIssue {
  const keys = pointerToKeys(error.instanceLocation, value);
  if (error.keyword === "false") {
    const extra = previous !== undefined && EXTRA_PROPERTY_KEYWORDS.has(previous.keyword);
    return { path: formatPath(keys), message: extra ? "Unexpected property." : "Value is not allowed here." };
  }
  const required = REQUIRED_MESSAGE.exec(error.error);
  if (error.keyword === "required" && required?.[1] !== undefined) {
    return { path: formatPath([...keys, required[1]]), message: "Required property is missing." };
  }
  const type = TYPE_MESSAGE.exec(error.error);
  if (error.keyword === "type" && type?.[1] !== undefined && type[2] !== undefined) {
    const expected = type[2].replaceAll('"', "").split(", ").join(" | ");
    return { path: formatPath(keys), message: `Expected ${expected}, received ${type[1]}` };
  }
  return { path: formatPath(keys), message: error.error };
}

/** `#/a/0/b~1c` to keys; a segment under an array becomes a number so it renders as `[0]`. */
function pointerToKeys(pointer: string, value: unknown): PropertyKey[] {
  if (pointer === "#" || pointer === "") return [];
  const keys: PropertyKey[] = [];
  let node = value;
  for (const raw of pointer.slice(pointer.startsWith("#/") ? 2 : 1).split("/")) {
    const key = unescapeSegment(raw);
    if (Array.isArray(node)) {
      const index = Number(key);
      keys.push(index);
      node = node[index];
    } else {
      keys.push(key);
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return keys;
}

/** cfworker encodes a key as `encodeURI(escape(key))`, with `#` as `%23`; undo both. */
function unescapeSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Not percent-encoded after all: keep the raw segment.
  }
  return decoded.replaceAll("~1", "/").replaceAll("~0", "~");
}
