import { toStandardJsonSchema } from "@valibot/to-json-schema";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileSchema } from "../../src/schema/index.js";
import type { StandardSchemaV1 } from "../../src/schema/index.js";

const input = (name: string) => ({ io: "input" as const, name, requireObjectRoot: true });

describe("compileSchema with zod 4", () => {
  const schema = z.object({
    a: z.number(),
    nested: z.object({ tags: z.array(z.string()) }).optional(),
  });
  const compiled = compileSchema(schema, input('tool "t" input'));

  it("derives the JSON Schema once, as draft 2020-12 with type object, properties and required", () => {
    expect(compiled.jsonSchema).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { a: { type: "number" }, nested: { type: "object" } },
      required: ["a"],
    });
    expect(compiled.jsonSchema).toBe(compiled.jsonSchema);
  });

  it("answers synchronously when zod does, with the parsed value", () => {
    const result = compiled.validate({ a: 1, extra: true });
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({ ok: true, value: { a: 1 } });
  });

  it("reports every issue with a readable path into nested fields", () => {
    const result = compiled.validate({ a: "1", nested: { tags: ["x", 2] } });
    expect(result).toMatchObject({ ok: false });
    if (result instanceof Promise || result.ok) throw new Error("expected a sync failure");
    expect(result.issues.map((issue) => issue.path)).toEqual(["a", "nested.tags[1]"]);
    expect(result.issues[0]?.message).toMatch(/expected number/);
  });

  it("validates with transforms and defaults, returning the transformed output", () => {
    const withTransform = z.object({
      word: z.string().transform((s) => s.length),
      unit: z.string().default("cm"),
    });
    const c = compileSchema(withTransform, input("t"));
    // The published schema describes what the client sends: the input side.
    expect(c.jsonSchema).toMatchObject({ properties: { word: { type: "string" }, unit: { default: "cm" } } });
    expect(c.jsonSchema.required).toEqual(["word"]);
    expect(c.validate({ word: "four" })).toEqual({ ok: true, value: { word: 4, unit: "cm" } });
  });

  it("explains an output side that JSON Schema cannot describe", () => {
    const withTransform = z.object({ word: z.string().transform((s) => s.length) });
    expect(() => compileSchema(withTransform, { io: "output", name: 'tool "t" output' })).toThrow(
      /tool "t" output: the zod schema's output cannot be converted to JSON Schema \(Transforms cannot/,
    );
  });

  it("requireObjectRoot rejects a non-object root at compile time", () => {
    expect(() => compileSchema(z.string(), input('tool "s" input'))).toThrow(TypeError);
    expect(() => compileSchema(z.string(), input('tool "s" input'))).toThrow(
      /tool "s" input: MCP requires the JSON Schema root to be type "object" \(got type "string"\)/,
    );
    expect(compileSchema(z.string(), { io: "output", name: "o" }).jsonSchema.type).toBe("string");
  });

  it("writes type object next to the root $ref zod emits for .meta({ id })", () => {
    const c = compileSchema(z.object({ a: z.number() }).meta({ id: "Args" }), input("t"));
    expect(c.jsonSchema).toMatchObject({ type: "object", $ref: "#/$defs/Args" });
  });
});

describe("compileSchema with valibot", () => {
  const plain = v.object({ a: v.number(), b: v.optional(v.string()) });

  it("works through toStandardJsonSchema", () => {
    const c = compileSchema(toStandardJsonSchema(plain), input("t"));
    expect(c.jsonSchema).toMatchObject({
      type: "object",
      properties: { a: { type: "number" } },
      required: ["a"],
    });
    expect(c.validate({ a: 1 })).toEqual({ ok: true, value: { a: 1 } });
    expect(c.validate({ a: "x" })).toMatchObject({ ok: false, issues: [{ path: "a" }] });
  });

  it("without a converter, fails at registration with the fix", () => {
    expect(() => compileSchema(plain, input('tool "add" input'))).toThrow(TypeError);
    expect(() => compileSchema(plain, input('tool "add" input'))).toThrow(
      'tool "add" input: this valibot schema cannot produce a JSON Schema (it has no ~standard.jsonSchema). ' +
        'To fix it, wrap it with toStandardJsonSchema() from "@valibot/to-json-schema", or pass a plain JSON ' +
        "Schema object instead.",
    );
  });
});

describe("compileSchema with any Standard Schema", () => {
  /** A hand-written Standard Schema whose validate answers with a Promise. */
  const asyncSchema: StandardSchemaV1<unknown, { id: number }> & {
    "~standard": {
      jsonSchema: { input: () => Record<string, unknown>; output: () => Record<string, unknown> };
    };
  } = {
    "~standard": {
      version: 1,
      vendor: "hand-written",
      validate: async (value) => {
        await Promise.resolve();
        const id = (value as { id?: unknown }).id;
        return typeof id === "number"
          ? { value: { id } }
          : { issues: [{ message: "Expected a number", path: [{ key: "id" }] }] };
      },
      jsonSchema: {
        input: () => ({ type: "object", properties: { id: { type: "number" } } }),
        output: () => ({ type: "object", properties: { id: { type: "number" } } }),
      },
    },
  };

  it("awaits an async validate", async () => {
    const c = compileSchema(asyncSchema, input("t"));
    const ok = c.validate({ id: 7 });
    expect(ok).toBeInstanceOf(Promise);
    await expect(ok).resolves.toEqual({ ok: true, value: { id: 7 } });
    await expect(c.validate({ id: "7" })).resolves.toEqual({
      ok: false,
      issues: [{ path: "id", message: "Expected a number" }],
    });
  });

  it("names a schema without a converter and gives generic advice", () => {
    const bare: StandardSchemaV1 = {
      "~standard": { version: 1, vendor: "acme", validate: (value) => ({ value }) },
    };
    expect(() => compileSchema(bare, input('prompt "p" args'))).toThrow(
      /prompt "p" args: this acme schema .*use a library that implements Standard JSON Schema/,
    );
  });

  it("rejects values that are neither Standard Schema nor JSON Schema object", () => {
    expect(() => compileSchema([] as never, input("x"))).toThrow(/x: expected a Standard Schema/);
  });
});
