import { dereference } from "@cfworker/json-schema";
import type { Schema } from "@cfworker/json-schema";
import { SCHEMA_LIMITS } from "./limits.js";

/*
 * @cfworker/json-schema never fetches: a `$ref` it cannot resolve locally throws at validation time,
 * with every known schema URI in the message. We resolve once at compile time instead, so a remote
 * or dangling `$ref` fails when the schema is compiled (for a tool: when the server connects) with a
 * clear error, and validation never throws for it.
 */

/**
 * Subschemas by absolute URI, as built by cfworker's `dereference`.
 *
 * @example
 * const lookup: SchemaLookup = { "https://github.com/cfworker#": { type: "object" } };
 */
export type SchemaLookup = Record<string, Schema | boolean>;

/**
 * Indexes `schema` (which cfworker annotates in place: pass a copy) and checks every reference in it:
 * all `$ref`s resolve inside the document, no `$dynamicRef`, every `pattern` compiles, and the
 * schema with references expanded stays within {@link SCHEMA_LIMITS}.maxExpandedNodes.
 *
 * @example
 * const lookup = resolveReferences(structuredClone(schema), 'tool "add" input');
 */
export function resolveReferences(schema: Schema, name: string): SchemaLookup {
  let lookup: SchemaLookup;
  try {
    lookup = dereference(schema);
  } catch (error) {
    throw new TypeError(`${name}: invalid JSON Schema: ${String(error)}`, { cause: error });
  }
  for (const subschema of Object.values(lookup)) {
    if (typeof subschema === "object") checkSubschema(subschema, lookup, name);
  }
  assertBoundedExpansion(schema, lookup, name);
  return lookup;
}

function checkSubschema(schema: Schema, lookup: SchemaLookup, name: string): void {
  if (schema.$ref !== undefined && lookup[schema.__absolute_ref__ ?? ""] === undefined) {
    throw new TypeError(
      `${name}: $ref ${JSON.stringify(schema.$ref)} does not resolve inside the schema. Remote ` +
        `references are never fetched: copy the referenced schema under "$defs" and point to it.`,
    );
  }
  // Unsupported by the validator, which would silently accept anything there.
  if ("$dynamicRef" in schema) {
    throw new TypeError(`${name}: $dynamicRef is not supported; use $ref to a "$defs" entry instead`);
  }
  const patterns = [schema.pattern, ...Object.keys(schema.patternProperties ?? {})];
  for (const pattern of patterns) {
    if (typeof pattern !== "string") continue;
    try {
      new RegExp(pattern, "u");
    } catch (error) {
      throw new TypeError(`${name}: invalid pattern ${JSON.stringify(pattern)}`, { cause: error });
    }
  }
}

/** Exponential `$ref` fan-out (a `$defs` chain where each entry uses the next twice) is refused. */
function assertBoundedExpansion(schema: Schema, lookup: SchemaLookup, name: string): void {
  const sizes = new Map<object, number>();
  const size = (node: unknown): number => {
    if (typeof node !== "object" || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, 1); // a cycle counts once: how often it repeats depends on the instance's depth
    let total = 1;
    for (const child of Object.values(node)) total += size(child);
    const ref = (node as Schema).__absolute_ref__;
    if (ref !== undefined) total += size(lookup[ref]);
    sizes.set(node, total);
    return total;
  };
  let total: number;
  try {
    total = size(schema);
  } catch (error) {
    // Only a very long chain of references exhausts the stack here.
    throw new TypeError(`${name}: the JSON Schema's references are too deeply chained`, { cause: error });
  }
  if (total > SCHEMA_LIMITS.maxExpandedNodes) {
    throw new TypeError(
      `${name}: the JSON Schema expands to more than ${SCHEMA_LIMITS.maxExpandedNodes} nodes ` +
        `through its $refs; simplify its composition keywords`,
    );
  }
}
