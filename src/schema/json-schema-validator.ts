import { validate } from "@cfworker/json-schema";
import type { Schema, SchemaDraft } from "@cfworker/json-schema";
import type { ValidationResult } from "./issues.js";
import { toSchemaIssues } from "./json-schema-errors.js";
import { resolveReferences } from "./json-schema-refs.js";
import type { JsonSchema } from "./schema-like.js";

/*
 * Plain JSON Schemas are validated by @cfworker/json-schema (no code generation, so it runs on
 * Workers and under strict CSP). Everything it needs is prepared once here; each call is one walk.
 */

const DIALECT = /^https?:\/\/json-schema\.org\/(?:draft\/(2020-12|2019-09)|draft-0([467]))\/schema#?$/;
const UNDEFINED_INSTANCE = 'Instances of "undefined" type are not supported.';

/**
 * The draft named by `$schema` (2020-12 when absent, as MCP specifies); draft-06 is read as draft-07.
 * Throws a TypeError for a dialect the validator cannot honour.
 *
 * @example
 * detectDraft({ $schema: "http://json-schema.org/draft-07/schema#" }, "x"); // "7"
 */
export function detectDraft(schema: JsonSchema, name: string): SchemaDraft {
  const uri = schema.$schema;
  if (uri === undefined) return "2020-12";
  const match = typeof uri === "string" ? DIALECT.exec(uri) : null;
  if (match?.[1] === "2020-12" || match?.[1] === "2019-09") return match[1];
  if (match?.[2] === "4") return "4";
  if (match?.[2] === "6" || match?.[2] === "7") return "7";
  throw new TypeError(
    `${name}: unsupported $schema ${JSON.stringify(uri)}; use draft 2020-12, 2019-09, 07, 06 or 04, ` +
      `or omit $schema for 2020-12`,
  );
}

/**
 * Prepares a validator for a plain JSON Schema, reporting all errors (no short-circuit).
 * The caller's object is never touched: cfworker annotates the private copy it is given.
 *
 * @example
 * const check = createJsonSchemaValidator({ type: "object", required: ["a"] }, 'tool "t" input');
 * check({}); // { ok: false, issues: [{ path: "a", message: "Required property is missing." }] }
 */
export function createJsonSchemaValidator(
  schema: JsonSchema,
  name: string,
): (value: unknown) => ValidationResult<Record<string, unknown>> {
  const draft = detectDraft(schema, name);
  const copy = structuredClone(schema) as Schema;
  const lookup = resolveReferences(copy, name);
  const run = (value: unknown): ValidationResult<Record<string, unknown>> => {
    const result = validate(value, copy, draft, lookup, false);
    if (result.valid) return { ok: true, value: value as Record<string, unknown> };
    return { ok: false, issues: toSchemaIssues(result.errors, value) };
  };
  return (value) => {
    try {
      return run(value);
    } catch (error) {
      // `{ a: undefined }` is common in handler output and serialises without `a`: check it that way.
      if (error instanceof Error && error.message === UNDEFINED_INSTANCE) {
        const result = runWithoutUndefined(run, value);
        if (result !== undefined) return result;
      }
      // Non-JSON values (functions, bigint) or a schema recursing on itself: fail closed.
      return { ok: false, issues: [{ path: "", message: `Value could not be validated: ${String(error)}` }] };
    }
  };
}

function runWithoutUndefined(
  run: (value: unknown) => ValidationResult<Record<string, unknown>>,
  value: unknown,
): ValidationResult<Record<string, unknown>> | undefined {
  try {
    const result = run(withoutUndefined(value));
    return result.ok ? { ok: true, value: value as Record<string, unknown> } : result;
  } catch {
    return undefined;
  }
}

/** A copy shaped as JSON.stringify sees it: `undefined` members dropped, `undefined` items as null. */
function withoutUndefined(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : withoutUndefined(item)));
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) copy[key] = withoutUndefined(member);
  }
  return copy;
}
