import type { ValidationResult } from "./issues.js";
import { createJsonSchemaValidator } from "./json-schema-validator.js";
import { publishJsonSchema, usesJsonSchemaEngine } from "./publish.js";
import type { InferOutput, JsonSchema, SchemaLike } from "./schema-like.js";
import { createStandardValidator } from "./standard-validator.js";

/**
 * Options of {@link compileSchema}.
 *
 * @example
 * const options: CompileSchemaOptions = { io: "input", name: 'tool "add" input', requireObjectRoot: true };
 */
export interface CompileSchemaOptions {
  /** Which side of a Standard Schema to publish as JSON Schema (they differ with transforms). */
  readonly io: "input" | "output";
  /** Who the schema belongs to, for error messages, e.g. `tool "add" input`. */
  readonly name: string;
  /** Require the JSON Schema root to be `type: "object"`, as MCP does for a tool's inputSchema. */
  readonly requireObjectRoot?: boolean;
}

/**
 * A schema ready for use: its JSON Schema, derived once, and a validator prepared once.
 *
 * @example
 * import { z } from "zod";
 * const compiled: CompiledSchema<{ a: number }> = compileSchema(z.object({ a: z.number() }), {
 *   io: "input",
 *   name: 'tool "t" input',
 * });
 * const result = await compiled.validate({ a: 1 }); // { ok: true, value: { a: 1 } }
 */
export interface CompiledSchema<T> {
  /** The JSON Schema to publish: derived from a Standard Schema, or the caller's object itself. */
  readonly jsonSchema: JsonSchema;
  /** Validates an unknown value; synchronous unless the schema library answered with a Promise. */
  validate(value: unknown): ValidationResult<T> | Promise<ValidationResult<T>>;
}

/**
 * Compiles a Standard Schema or plain JSON Schema, once, synchronously. Throws a TypeError naming
 * `options.name` when the schema cannot be used (no JSON Schema converter, unresolvable `$ref`,
 * too deep or too large, or a non-object root with `requireObjectRoot`).
 *
 * A plain JSON Schema is published as is (same object, never rewritten); treat it as immutable. It is
 * validated by @cfworker/json-schema, or by the Standard Schema it carries (`z.toJSONSchema()` output).
 *
 * @example
 * import { z } from "zod";
 * const input = compileSchema(z.object({ a: z.number(), b: z.number() }), {
 *   io: "input",
 *   name: 'tool "add" input',
 *   requireObjectRoot: true,
 * });
 * input.jsonSchema; // { $schema: "...", type: "object", properties: { a: ..., b: ... }, ... }
 * await input.validate({ a: 1, b: "2" }); // { ok: false, issues: [{ path: "b", message: "..." }] }
 */
export function compileSchema<S extends SchemaLike>(
  schema: S,
  options: CompileSchemaOptions,
): CompiledSchema<InferOutput<S>> {
  const jsonSchema = publishJsonSchema(schema, options);
  const validate = usesJsonSchemaEngine(schema)
    ? createJsonSchemaValidator(schema, options.name)
    : createStandardValidator(schema);
  return { jsonSchema, validate } as CompiledSchema<InferOutput<S>>;
}
