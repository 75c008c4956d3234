/*
 * Cheap bounds checked once when a schema is compiled. Schemas can come from an untrusted peer
 * (a client validating a server's outputSchema), so deep, huge, cyclic or non-JSON schemas are
 * refused with a clear error instead of exhausting the stack or memory later.
 */

/**
 * Bounds applied to every JSON Schema at compile time.
 *
 * @example
 * if (depth > SCHEMA_LIMITS.maxDepth) throw new TypeError("too deep");
 */
export const SCHEMA_LIMITS = {
  /** Nesting of JSON objects and arrays, the root being level 1. */
  maxDepth: 64,
  /** Objects, arrays and primitive values, counted once each (about 1 MB of JSON). */
  maxNodes: 50_000,
  /** Nodes visited with every local `$ref` expanded in place; bounds composition blow-ups. */
  maxExpandedNodes: 1_000_000,
} as const;

/**
 * Throws a TypeError naming `name` when `schema` is nested deeper than {@link SCHEMA_LIMITS}.maxDepth,
 * has more than `maxNodes` values, is cyclic, or holds a function, symbol or bigint.
 *
 * @example
 * assertSchemaBounds({ type: "object" }, 'tool "add" input'); // fine
 */
export function assertSchemaBounds(schema: unknown, name: string): void {
  let nodes = 0;
  const visit = (value: unknown, depth: number, at: string): void => {
    if (++nodes > SCHEMA_LIMITS.maxNodes) {
      throw new TypeError(`${name}: the JSON Schema has more than ${SCHEMA_LIMITS.maxNodes} values`);
    }
    const type = typeof value;
    if (type === "function" || type === "symbol" || type === "bigint") {
      throw new TypeError(`${name}: the JSON Schema holds a ${type} at ${at}, which is not JSON`);
    }
    if (typeof value !== "object" || value === null) return;
    if (depth > SCHEMA_LIMITS.maxDepth) {
      throw new TypeError(
        `${name}: the JSON Schema is nested deeper than ${SCHEMA_LIMITS.maxDepth} levels (or is cyclic)`,
      );
    }
    for (const [key, child] of Object.entries(value)) visit(child, depth + 1, `${at}/${key}`);
  };
  visit(schema, 1, "#");
}
