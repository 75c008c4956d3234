import type { ValidationResult } from "./issues.js";
import { createJsonSchemaValidator } from "./json-schema-validator.js";
import { assertSchemaBounds } from "./limits.js";
import { followLocalRefs } from "./local-ref.js";
import { isJsonSchemaObject, isStandardSchema } from "./schema-like.js";
import type { InferOutput, JsonSchema, SchemaLike } from "./schema-like.js";
import { createStandardValidator, deriveJsonSchema } from "./standard-validator.js";

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
 * Compiles a Standard Schema or plain JSON Schema, once, at registration. Throws a TypeError naming
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
  const { io, name } = options;
  let compiled: CompiledSchema<unknown>;
  if (isJsonSchemaObject(schema)) {
    assertSchemaBounds(schema, name);
    // z.toJSONSchema() output carries zod's validator: it keeps refinements and transforms.
    const validate = isStandardSchema(schema)
      ? createStandardValidator(schema)
      : createJsonSchemaValidator(schema, name);
    compiled = { jsonSchema: schema, validate };
  } else if (isStandardSchema(schema)) {
    const derived = deriveJsonSchema(schema, io, name);
    assertSchemaBounds(derived, name);
    const jsonSchema = options.requireObjectRoot === true ? withObjectType(derived) : derived;
    compiled = { jsonSchema, validate: createStandardValidator(schema) };
  } else {
    throw new TypeError(`${name}: expected a Standard Schema (zod, valibot, ...) or a JSON Schema object`);
  }
  if (options.requireObjectRoot === true) assertObjectRoot(compiled.jsonSchema, name);
  return compiled as CompiledSchema<InferOutput<S>>;
}

/** zod's `.meta({ id })` makes the root a bare `$ref`; MCP wants `type: "object"` written at the root. */
function withObjectType(derived: JsonSchema): JsonSchema {
  if (derived.type !== undefined || derived.$ref === undefined) return derived;
  const target = followLocalRefs(derived, derived).at(-1);
  return target?.type === "object" ? { ...derived, type: "object" } : derived;
}

function assertObjectRoot(jsonSchema: JsonSchema, name: string): void {
  if (jsonSchema.type === "object") return;
  const got = jsonSchema.type === undefined ? "no type" : `type ${JSON.stringify(jsonSchema.type)}`;
  throw new TypeError(
    `${name}: MCP requires the JSON Schema root to be type "object" (got ${got}); ` +
      `describe the arguments as an object (e.g. z.object({ ... })), with "type": "object" at the root`,
  );
}
