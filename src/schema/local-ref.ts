import type { JsonSchema } from "./schema-like.js";

/** Bounds `$ref` chains such as `#/$defs/A` -> `#/$defs/B` -> ...; real schemas use one hop. */
const MAX_REF_HOPS = 8;
const LOCAL_DEFINITION = /^#\/(\$defs|definitions)\/([^/]+)$/;

/**
 * `node`, then each schema its `$ref` to `#/$defs/...` or `#/definitions/...` of `root` leads to;
 * stops at a remote or dangling `$ref`. The last element is the schema `node` stands for.
 *
 * @example
 * const root = { $ref: "#/$defs/Args", $defs: { Args: { type: "object" } } };
 * followLocalRefs(root, root).at(-1); // { type: "object" }
 */
export function followLocalRefs(node: JsonSchema, root: JsonSchema): JsonSchema[] {
  const chain = [node];
  for (let current = node; chain.length <= MAX_REF_HOPS;) {
    const match = typeof current.$ref === "string" ? LOCAL_DEFINITION.exec(current.$ref) : null;
    const [, container, key] = match ?? [];
    if (container === undefined || key === undefined) break;
    const definitions = root[container];
    const target = isObject(definitions) ? definitions[decodePointerToken(key)] : undefined;
    if (!isObject(target)) break;
    chain.push(target);
    current = target;
  }
  return chain;
}

/**
 * True for a non-null, non-array object.
 *
 * @example
 * isObject({}); // true
 */
export function isObject(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodePointerToken(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // Not percent-encoded: use the token as written.
  }
  return decoded.replaceAll("~1", "/").replaceAll("~0", "~");
}
