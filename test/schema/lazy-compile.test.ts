// compileSchemaLazily: the JSON Schema now, @cfworker/json-schema (for plain JSON Schemas) only when
// a validator is first needed. Each test file gets fresh modules, so the engine starts unloaded here.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileSchemaLazily, publishJsonSchema } from "../../src/schema/index.js";

const options = { io: "input" as const, name: 'tool "t" input', requireObjectRoot: true };
const numbers = { type: "object", properties: { n: { type: "number" } }, required: ["n"] };

describe("compileSchemaLazily", () => {
  // Runs first: the engine is not loaded yet, so the first validation waits for it.
  it("answers a plain JSON Schema's first validation with a Promise, later ones synchronously", async () => {
    const compiled = compileSchemaLazily(numbers, options);
    expect(compiled.jsonSchema).toBe(numbers);
    // A schema of the simple shape needs the engine only for a value its direct check doubts:
    // nothing to prepare, and a valid value is answered at once with the engine still unloaded.
    expect(compiled.ready()).toBeUndefined();
    expect(compiled.validate({ n: 2 })).toEqual({ ok: true, value: { n: 2 } });
    const first = compiled.validate({ n: "1" });
    expect(first).toBeInstanceOf(Promise);
    await expect(first).resolves.toEqual({
      ok: false,
      issues: [{ path: "n", message: "Expected number, received string" }],
    });
    expect(compiled.validate({ n: 1 })).toEqual({ ok: true, value: { n: 1 } });
    expect(compiled.ready()).toBeUndefined();
    // With the engine loaded, another schema (not of the simple shape) is prepared synchronously.
    const other = compileSchemaLazily({ type: "object", minProperties: 1 }, options);
    expect(other.ready()).toBeUndefined();
    expect(other.validate({ a: 1 })).toEqual({ ok: true, value: { a: 1 } });
  });

  it("checks references when ready() prepares the validator, and keeps failing the same way", async () => {
    const dangling = { type: "object", properties: { a: { $ref: "#/$defs/missing" } } };
    const compiled = compileSchemaLazily(dangling, options);
    let error: unknown;
    try {
      await compiled.ready();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/tool "t" input: \$ref "#\/\$defs\/missing" does not resolve/);
    expect(() => compiled.ready()).toThrow(error);
    expect(() => compiled.validate({ a: 1 })).toThrow(error);
  });

  it("makes every check that needs no validator at once, as compileSchema does", () => {
    expect(() => compileSchemaLazily({ type: "array" }, options)).toThrow(/got type "array"/);
    expect(() => compileSchemaLazily({ $schema: "https://example.com/x", type: "object" }, options)).toThrow(
      /unsupported \$schema/,
    );
    expect(() => compileSchemaLazily({ type: "object", default: () => 1 }, options)).toThrow(/not JSON/);
    expect(() => compileSchemaLazily(z.string(), options)).toThrow(/MCP requires the JSON Schema root/);
  });

  it("validates a Standard Schema with the schema itself: nothing to load", () => {
    const compiled = compileSchemaLazily(z.object({ n: z.coerce.number() }), options);
    expect(compiled.ready()).toBeUndefined();
    expect(compiled.validate({ n: "2" })).toEqual({ ok: true, value: { n: 2 } });
    expect(compiled.jsonSchema).toMatchObject({ type: "object", properties: { n: { type: "number" } } });
  });
});

describe("publishJsonSchema", () => {
  it("is the JSON Schema compileSchema publishes, without building a validator", () => {
    let validations = 0;
    const schema = z.object({ a: z.string() });
    const counted = {
      "~standard": {
        ...schema["~standard"],
        validate: (value: unknown) => {
          validations++;
          return schema["~standard"].validate(value);
        },
      },
    };
    expect(publishJsonSchema(counted, options)).toMatchObject({ type: "object", required: ["a"] });
    expect(validations).toBe(0);
  });
});
