import type { StandardJSONSchemaV1, StandardSchemaV1 } from "./standard-schema.js";

/**
 * A JSON Schema given as a plain object (any dialect; 2020-12 unless `$schema` says otherwise).
 *
 * @example
 * const schema: JsonSchema = { type: "object", properties: { a: { type: "number" } } };
 */
export type JsonSchema = { [key: string]: unknown };

/**
 * What tools, prompts and elicitations accept: any Standard Schema or a plain JSON Schema object.
 *
 * @example
 * import { z } from "zod";
 * const schemas: SchemaLike[] = [z.object({ a: z.number() }), { type: "object" }];
 */
export type SchemaLike = StandardSchemaV1 | JsonSchema;

/**
 * The type a schema produces: a Standard Schema's output type, `Record<string, unknown>` for JSON Schema.
 *
 * @example
 * import { z } from "zod";
 * const schema = z.object({ n: z.string().transform((s) => s.length) });
 * type Args = InferOutput<typeof schema>; // { n: number }
 */
export type InferOutput<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : Record<string, unknown>;

/**
 * The type a schema accepts: a Standard Schema's input type, `Record<string, unknown>` for JSON Schema.
 *
 * @example
 * import { z } from "zod";
 * const schema = z.object({ n: z.string().transform((s) => s.length) });
 * type Sent = InferInput<typeof schema>; // { n: string }
 */
export type InferInput<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferInput<S>
  : Record<string, unknown>;

/**
 * True for a Standard Schema (an object or function with a `~standard.validate` function).
 *
 * @example
 * import { z } from "zod";
 * isStandardSchema(z.string()); // true
 * isStandardSchema({ type: "string" }); // false
 */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  const props = (value as Partial<StandardSchemaV1>)["~standard"];
  return typeof props === "object" && props !== null && typeof props.validate === "function";
}

/**
 * True for a Standard Schema that also converts itself to JSON Schema (`~standard.jsonSchema`).
 *
 * @example
 * import { z } from "zod";
 * hasJsonSchemaConverter(z.string()); // true (zod 4)
 */
export function hasJsonSchemaConverter(
  value: StandardSchemaV1,
): value is StandardSchemaV1 & StandardJSONSchemaV1 {
  const converter = (value["~standard"] as Partial<StandardJSONSchemaV1.Props>).jsonSchema;
  return (
    typeof converter === "object" &&
    converter !== null &&
    typeof converter.input === "function" &&
    typeof converter.output === "function"
  );
}

/**
 * True for a plain JSON Schema object: a plain, non-array object that is not a Standard Schema, or
 * that carries one only as a hidden (non-enumerable) member, as `z.toJSONSchema()` output does.
 *
 * @example
 * import { z } from "zod";
 * isJsonSchemaObject({ type: "object" }); // true
 * isJsonSchemaObject(z.toJSONSchema(z.object({}))); // true: a JSON Schema with zod's validator attached
 * isJsonSchemaObject(true); // false: boolean schemas are not accepted here
 */
export function isJsonSchemaObject(value: unknown): value is JsonSchema {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (!isStandardSchema(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  const plain = prototype === Object.prototype || prototype === null;
  return plain && !Object.prototype.propertyIsEnumerable.call(value, "~standard");
}
