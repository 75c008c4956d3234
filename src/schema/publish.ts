import type { CompileSchemaOptions } from "./compile.js";
import { detectDraft } from "./json-schema-draft.js";
import { assertSchemaBounds } from "./limits.js";
import { followLocalRefs } from "./local-ref.js";
import { isJsonSchemaObject, isStandardSchema } from "./schema-like.js";
import type { JsonSchema, SchemaLike } from "./schema-like.js";
import { deriveJsonSchema } from "./standard-validator.js";

/*
 * The half of compiling a schema that needs no validator: what is published as JSON Schema, with
 * every check that can be made on it. @cfworker/json-schema is not needed here (nor imported), so
 * a server whose schemas are all Standard Schemas never loads it.
 */

/**
 * The cheap check made when a schema is registered: an object (a JSON Schema, or a Standard Schema)
 * or a function carrying `~standard` (arktype's types are functions). Nothing is read through a
 * getter (zod builds its `~standard` on first read, a few µs each), derived or walked: whether a
 * Standard Schema validates and describes itself is checked when it is compiled.
 *
 * @example
 * import { z } from "zod";
 * isSchemaLike(z.object({ a: z.number() })); // true
 * isSchemaLike([]); // false
 */
export function isSchemaLike(schema: unknown): schema is SchemaLike {
  if (typeof schema === "object") return schema !== null && !Array.isArray(schema);
  return typeof schema === "function" && "~standard" in schema;
}

/**
 * The TypeError for a value that is no schema at all, naming its owner (`name`, e.g. `tool "add" input`).
 *
 * @example
 * if (!isSchemaLike(input)) throw notASchema('tool "add" input');
 */
export function notASchema(name: string): TypeError {
  return new TypeError(`${name}: expected a Standard Schema (zod, valibot, ...) or a JSON Schema object`);
}

/**
 * True when `schema` is validated by @cfworker/json-schema: a plain JSON Schema object that does not
 * carry a Standard Schema (`z.toJSONSchema()` output carries zod's, which keeps refinements).
 *
 * @example
 * usesJsonSchemaEngine({ type: "object" }); // true
 */
export function usesJsonSchemaEngine(schema: SchemaLike): schema is JsonSchema {
  return isJsonSchemaObject(schema) && !isStandardSchema(schema);
}

/**
 * The JSON Schema to publish for `schema`: a Standard Schema's, derived through its converter, or
 * a plain JSON Schema itself (the same object, never rewritten). Checks its bounds, its dialect
 * (plain schemas) and, with `requireObjectRoot`, that the root is an object; throws a TypeError
 * naming `options.name` otherwise. References are checked with the validator (see compileSchema).
 *
 * @example
 * import { z } from "zod";
 * publishJsonSchema(z.object({ a: z.number() }), { io: "input", name: 'tool "t" input' });
 * // { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", ... }
 */
export function publishJsonSchema(schema: SchemaLike, options: CompileSchemaOptions): JsonSchema {
  const { io, name } = options;
  let jsonSchema: JsonSchema;
  if (isJsonSchemaObject(schema)) {
    assertSchemaBounds(schema, name);
    if (!isStandardSchema(schema)) detectDraft(schema, name);
    jsonSchema = schema;
  } else if (isStandardSchema(schema)) {
    const derived = deriveJsonSchema(schema, io, name);
    assertSchemaBounds(derived, name);
    jsonSchema = options.requireObjectRoot === true ? withObjectType(derived) : derived;
  } else {
    throw notASchema(name);
  }
  if (options.requireObjectRoot === true) assertObjectRoot(jsonSchema, name);
  return jsonSchema;
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
