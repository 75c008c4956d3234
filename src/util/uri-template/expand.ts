/*
 * Expansion, RFC 6570 Appendix A for levels 1-3: undefined variables are skipped, the operator's
 * prefix is written only when at least one variable of the expression is defined.
 */

import type { ExpressionPart, Part } from "./parse.js";
import { percentEncode } from "./percent.js";

/** Values an expansion accepts; `undefined` (or a missing key) means the variable is undefined. */
export type UriTemplateValues = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Expands parsed parts with `values`. Throws a TypeError for a value that is not a string, number
 * or boolean (lists and maps are level 4).
 *
 * @example
 * expandParts(parseParts("{?x,y}"), { x: 1024, y: 768 }); // "?x=1024&y=768"
 */
export function expandParts(parts: readonly Part[], values: UriTemplateValues): string {
  let out = "";
  for (const part of parts) out += part.kind === "literal" ? part.text : expandExpression(part, values);
  return out;
}

function expandExpression(part: ExpressionPart, values: UriTemplateValues): string {
  const { spec } = part;
  let out = "";
  let defined = false;
  for (const name of part.names) {
    const value = lookup(values, name);
    if (value === undefined) continue;
    out += defined ? spec.sep : spec.first;
    defined = true;
    if (!spec.named) out += percentEncode(value, spec.allowReserved);
    else if (value === "") out += name + spec.ifEmpty;
    else out += `${name}=${percentEncode(value, spec.allowReserved)}`;
  }
  return out;
}

function lookup(values: UriTemplateValues, name: string): string | undefined {
  // Own keys only: a variable named "constructor" must not read Object.prototype.
  if (!Object.hasOwn(values, name)) return undefined;
  const value: unknown = values[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw new TypeError(
    `URI template variable "${name}" must be a string, number or boolean; lists and maps are level 4, which is not supported`,
  );
}
