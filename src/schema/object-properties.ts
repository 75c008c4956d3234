import { followLocalRefs, isObject } from "./local-ref.js";
import type { JsonSchema } from "./schema-like.js";

/**
 * One top-level property of an object schema, shaped for an MCP `PromptArgument`.
 *
 * @example
 * const arg: ObjectProperty = { name: "code", description: "The code to review", required: true };
 */
export interface ObjectProperty {
  /** The property name. */
  readonly name: string;
  /** The property schema's `title`, if it is a string. */
  readonly title?: string;
  /** The property schema's `description`, if it is a string. */
  readonly description?: string;
  /** True when the object's `required` lists the property. */
  readonly required: boolean;
}

/**
 * The top-level properties of an object JSON Schema, in declaration order. A root (or property) that
 * is a local `$ref` to `#/$defs/...` or `#/definitions/...` is followed; anything else gives `[]`.
 *
 * @example
 * objectProperties({ type: "object", properties: { code: { type: "string" } }, required: ["code"] });
 * // [{ name: "code", required: true }]
 */
export function objectProperties(jsonSchema: JsonSchema): ObjectProperty[] {
  const root = followLocalRefs(jsonSchema, jsonSchema).at(-1);
  const properties = root?.properties;
  if (!isObject(properties)) return [];
  const required = Array.isArray(root?.required) ? (root.required as unknown[]) : [];
  return Object.entries(properties).map(([name, value]) => {
    // Annotations next to a $ref (2019-09+) describe this use, so the nearest one wins.
    const chain = isObject(value) ? followLocalRefs(value, jsonSchema) : [];
    const title = chain.find((node) => typeof node.title === "string")?.title;
    const description = chain.find((node) => typeof node.description === "string")?.description;
    return {
      name,
      ...(typeof title === "string" ? { title } : {}),
      ...(typeof description === "string" ? { description } : {}),
      required: required.includes(name),
    };
  });
}
