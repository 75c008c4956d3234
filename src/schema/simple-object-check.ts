import type { JsonSchema } from "./schema-like.js";

/*
 * Most tool schemas are an object of a few named strings, numbers and booleans. For those, a
 * direct check of the value answers "valid" without walking the general validator, which builds
 * a JSON pointer per property on every call. The check is one-sided: true means the general
 * validator would accept the value too; false means "not sure", and the general validator then
 * decides (and explains). So it can only be stricter than the validator, never looser.
 */

type Primitive = "string" | "number" | "integer" | "boolean";

/** Keywords that do not change what validates (annotations), besides the vendor `x-` ones. */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "default",
  "examples",
  "$comment",
  "deprecated",
  "readOnly",
  "writeOnly",
]);
const ROOT_KEYWORDS = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "$schema",
  "title",
  "description",
  "$comment",
]);
const PRIMITIVES = new Set<string>(["string", "number", "integer", "boolean"]);

/**
 * A sure-valid check for a schema of that simple shape, or undefined when the schema has any
 * other keyword (then only the general validator is used).
 *
 * @example
 * const check = simpleObjectCheck({ type: "object", properties: { a: { type: "string" } }, required: ["a"] });
 * check?.({ a: "x" }); // true
 * check?.({ a: 1 }); // false: ask the general validator, which reports the error
 */
export function simpleObjectCheck(schema: JsonSchema): ((value: unknown) => boolean) | undefined {
  if (typeof schema !== "object" || schema === null || schema.type !== "object") return undefined;
  for (const key of Object.keys(schema)) if (!ROOT_KEYWORDS.has(key)) return undefined;
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const additional = schema.additionalProperties ?? true;
  if (typeof properties !== "object" || properties === null || Array.isArray(properties)) return undefined;
  if (!Array.isArray(required) || !required.every((key) => typeof key === "string")) return undefined;
  if (typeof additional !== "boolean") return undefined;
  const typed: [string, Primitive][] = [];
  for (const [key, property] of Object.entries(properties as Record<string, unknown>)) {
    const type = primitiveOf(property);
    if (type === undefined) return undefined;
    typed.push([key, type]);
  }
  const declared = new Set(typed.map(([key]) => key));
  const closed = additional === false;
  return (value) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const object = value as Record<string, unknown>;
    for (const key of required) if (!Object.hasOwn(object, key)) return false;
    for (const [key, type] of typed) {
      const member = object[key];
      // Absent is fine; present-but-undefined is left to the validator's own handling of it.
      if (member === undefined ? Object.hasOwn(object, key) : !hasType(member, type)) return false;
    }
    if (closed) for (const key in object) if (!declared.has(key)) return false;
    return true;
  };
}

/** The type of a property schema made only of `type` (one primitive) and annotations. */
function primitiveOf(property: unknown): Primitive | undefined {
  if (typeof property !== "object" || property === null || Array.isArray(property)) return undefined;
  const record = property as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== "type" && !ANNOTATIONS.has(key) && !key.startsWith("x-")) return undefined;
  }
  const type = record.type;
  return typeof type === "string" && PRIMITIVES.has(type) ? (type as Primitive) : undefined;
}

function hasType(value: unknown, type: Primitive): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
  }
}
