import { fromStandardIssue } from "./issues.js";
import type { ValidationResult } from "./issues.js";
import { isObject } from "./local-ref.js";
import { hasJsonSchemaConverter } from "./schema-like.js";
import type { JsonSchema } from "./schema-like.js";
import type { StandardSchemaV1 } from "./standard-schema.js";

/** How to get a JSON Schema converter, by vendor; anything else gets the generic advice. */
const CONVERTER_ADVICE: Record<string, string> = {
  valibot: 'wrap it with toStandardJsonSchema() from "@valibot/to-json-schema"',
  zod: "use zod 4 (zod 3 cannot describe itself as JSON Schema)",
};

/**
 * Derives the JSON Schema (draft 2020-12) of a Standard Schema's input or output, once, through its
 * `~standard.jsonSchema` converter. Throws a TypeError naming `name` and the fix when it cannot.
 *
 * @example
 * import { z } from "zod";
 * deriveJsonSchema(z.object({ a: z.number() }), "input", 'tool "t" input'); // { type: "object", ... }
 */
export function deriveJsonSchema(schema: StandardSchemaV1, io: "input" | "output", name: string): JsonSchema {
  const vendor = schema["~standard"].vendor;
  if (!hasJsonSchemaConverter(schema)) {
    const advice = CONVERTER_ADVICE[vendor] ?? "use a library that implements Standard JSON Schema";
    throw new TypeError(
      `${name}: this ${vendor} schema cannot produce a JSON Schema (it has no ~standard.jsonSchema). ` +
        `To fix it, ${advice}, or pass a plain JSON Schema object instead.`,
    );
  }
  let derived: unknown;
  try {
    derived = schema["~standard"].jsonSchema[io]({ target: "draft-2020-12" });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(
      `${name}: the ${vendor} schema's ${io} cannot be converted to JSON Schema (${reason}). ` +
        `Simplify the schema or pass a plain JSON Schema object instead.`,
      { cause: error },
    );
  }
  if (!isObject(derived)) {
    throw new TypeError(`${name}: the ${vendor} JSON Schema converter returned a non-object`);
  }
  return derived;
}

/**
 * Validates with the schema's own `~standard.validate`. A synchronous answer stays synchronous;
 * only a library that answers with a Promise makes the result a Promise.
 *
 * @example
 * import { z } from "zod";
 * createStandardValidator(z.number())("1"); // { ok: false, issues: [{ path: "", message: "..." }] }
 */
export function createStandardValidator<T>(
  schema: StandardSchemaV1<unknown, T>,
): (value: unknown) => ValidationResult<T> | Promise<ValidationResult<T>> {
  const props = schema["~standard"];
  return (value) => {
    const result = props.validate(value);
    // A thenable check, not instanceof: a Promise from another realm is still a Promise.
    if (typeof (result as Partial<PromiseLike<unknown>>).then === "function") {
      return Promise.resolve(result).then(toValidationResult);
    }
    return toValidationResult(result as StandardSchemaV1.Result<T>);
  };
}

function toValidationResult<T>(result: StandardSchemaV1.Result<T>): ValidationResult<T> {
  if (result.issues) return { ok: false, issues: result.issues.map(fromStandardIssue) };
  return { ok: true, value: result.value };
}
