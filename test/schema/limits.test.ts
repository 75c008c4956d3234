import { describe, expect, it } from "vitest";
import { SCHEMA_LIMITS, compileSchema } from "../../src/schema/index.js";
import type { JsonSchema } from "../../src/schema/index.js";

const options = { io: "output" as const, name: 'tool "t" output' };

/** An object schema nested `levels` times through `properties.child`. */
function nested(levels: number): JsonSchema {
  let schema: JsonSchema = { type: "string" };
  for (let i = 0; i < levels; i++) schema = { type: "object", properties: { child: schema } };
  return schema;
}

describe("schema bounds", () => {
  it("accepts nesting up to the depth limit and refuses deeper schemas at compile time", () => {
    // Each level is two JSON containers (the schema and its properties), plus the leaf schema.
    const deepest = Math.floor((SCHEMA_LIMITS.maxDepth - 1) / 2);
    expect(() => compileSchema(nested(deepest), options)).not.toThrow();
    expect(() => compileSchema(nested(deepest + 1), options)).toThrow(
      'tool "t" output: the JSON Schema is nested deeper than 64 levels (or is cyclic)',
    );
  });

  it("refuses a cyclic schema object instead of overflowing the stack", () => {
    const cyclic: JsonSchema = { type: "object", properties: {} };
    (cyclic.properties as JsonSchema).self = cyclic;
    expect(() => compileSchema(cyclic, options)).toThrow(/nested deeper than 64 levels \(or is cyclic\)/);
  });

  it("refuses a huge schema", () => {
    const huge = { type: "string", enum: Array.from({ length: SCHEMA_LIMITS.maxNodes }, (_, i) => `v${i}`) };
    expect(() => compileSchema(huge, options)).toThrow(/more than 50000 values/);
  });

  it("refuses values that are not JSON", () => {
    expect(() => compileSchema({ type: "object", default: () => 1 }, options)).toThrow(
      /holds a function at #\/default, which is not JSON/,
    );
  });

  it("refuses exponential $ref fan-out (composition DoS) but accepts recursive schemas", () => {
    const $defs: JsonSchema = { d30: { type: "string" } };
    for (let i = 0; i < 30; i++)
      $defs[`d${i}`] = { anyOf: [{ $ref: `#/$defs/d${i + 1}` }, { $ref: `#/$defs/d${i + 1}` }] };
    const bomb = { type: "object", properties: { a: { $ref: "#/$defs/d0" } }, $defs };
    expect(() => compileSchema(bomb, options)).toThrow(
      /expands to more than 1000000 nodes through its \$refs/,
    );

    const tree = {
      type: "object",
      properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#" } } },
    };
    const compiled = compileSchema(tree, options);
    expect(compiled.validate({ name: "a", children: [{ name: "b", children: [{ name: 1 }] }] })).toEqual({
      ok: false,
      issues: [{ path: "children[0].children[0].name", message: "Expected string, received number" }],
    });
  });

  it("fails closed on a schema that recurses without consuming the value", () => {
    const loop = {
      type: "object",
      $defs: { a: { $ref: "#/$defs/a" } },
      properties: { x: { $ref: "#/$defs/a" } },
    };
    expect(compileSchema(loop, options).validate({ x: 1 })).toMatchObject({
      ok: false,
      issues: [{ path: "", message: expect.stringMatching(/^Value could not be validated: RangeError/) }],
    });
  });
});
