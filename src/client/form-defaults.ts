import { isJsonObject } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";

/** The primitive property types whose `default` is filled in (SEP-1034). */
const PRIMITIVE_TYPES = new Set(["string", "number", "integer", "boolean"]);

/**
 * The content of an accepted form elicitation with every property the answer left out filled from
 * the requested schema's `default` (SEP-1034): string, number, integer and boolean properties,
 * single-select enums included. A default of the wrong type, other property kinds (multi-select
 * arrays, ...) and properties the answer sets (even to null) are left alone. Returns a new object.
 *
 * @example
 * applyFormDefaults({ type: "object", properties: { age: { type: "integer", default: 30 } } }, {});
 * // { age: 30 }
 */
export function applyFormDefaults(requestedSchema: unknown, content: JsonObject | undefined): JsonObject {
  const filled: JsonObject = { ...content };
  const properties = isJsonObject(requestedSchema) ? requestedSchema.properties : undefined;
  if (!isJsonObject(properties)) return filled;
  for (const [name, property] of Object.entries(properties)) {
    if (name in filled || !isJsonObject(property) || !("default" in property)) continue;
    if (fits(property, property.default)) filled[name] = property.default;
  }
  return filled;
}

function fits(property: JsonObject, value: unknown): boolean {
  if (Array.isArray(property.enum) && !property.enum.includes(value)) return false;
  const type = property.type ?? (Array.isArray(property.enum) ? "string" : undefined);
  if (typeof type !== "string" || !PRIMITIVE_TYPES.has(type)) return false;
  switch (type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    default:
      return typeof value === "number" && Number.isFinite(value);
  }
}

/**
 * An `elicitation/create` result with the form defaults applied: only for an `accept` of a form
 * request (no `mode`, or `mode: "form"`) that carries a `requestedSchema`.
 */
export function withFormDefaults(params: JsonObject | undefined, result: JsonObject): JsonObject {
  if (result.action !== "accept" || !params) return result;
  if (params.mode !== undefined && params.mode !== "form") return result;
  if (!isJsonObject(params.requestedSchema)) return result;
  const content = isJsonObject(result.content) ? result.content : undefined;
  return { ...result, content: applyFormDefaults(params.requestedSchema, content) };
}

/** True when the capabilities declare `elicitation: { form: { applyDefaults: true } }`. */
export function declaresApplyDefaults(capabilities: JsonObject | undefined): boolean {
  const elicitation = capabilities?.elicitation;
  const form = isJsonObject(elicitation) ? elicitation.form : undefined;
  return isJsonObject(form) && form.applyDefaults === true;
}
