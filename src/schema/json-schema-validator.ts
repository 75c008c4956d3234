import { validate } from "@cfworker/json-schema";
import type { Schema } from "@cfworker/json-schema";
import type { ValidationResult } from "./issues.js";
import { detectDraft } from "./json-schema-draft.js";
import { toSchemaIssues } from "./json-schema-errors.js";
import { resolveReferences } from "./json-schema-refs.js";
import { simpleObjectCheck } from "./simple-object-check.js";
import type { JsonSchema } from "./schema-like.js";

/*
 * Plain JSON Schemas are validated by @cfworker/json-schema (no code generation, so it runs on
 * Workers and under strict CSP). Everything it needs is prepared once here; each call is one walk.
 */

const UNDEFINED_INSTANCE = 'Instances of "undefined" type are not supported.';

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
  const surelyValid = simpleObjectCheck(schema);
  const run = (value: unknown): ValidationResult<Record<string, unknown>> => {
    const result = validate(value, copy, draft, lookup, false);
    if (result.valid) return { ok: true, value: value as Record<string, unknown> };
    return { ok: false, issues: toSchemaIssues(result.errors, value) };
  };
  return (value) => {
    if (surelyValid?.(value)) return { ok: true, value: value as Record<string, unknown> };
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
