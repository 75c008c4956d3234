import { toStandardJsonSchema } from "@valibot/to-json-schema";
import * as v from "valibot";
import { describe, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { compileSchema } from "../../src/schema/index.js";
import type {
  CompiledSchema,
  InferInput,
  InferOutput,
  SchemaLike,
  StandardJSONSchemaV1,
  StandardSchemaV1,
  ValidationResult,
} from "../../src/schema/index.js";

describe("schema types", () => {
  const zodSchema = z.object({ a: z.number(), n: z.string().transform((s) => s.length) });

  it("InferOutput and InferInput follow a Standard Schema", () => {
    expectTypeOf<InferOutput<typeof zodSchema>>().toEqualTypeOf<z.output<typeof zodSchema>>();
    expectTypeOf<InferOutput<typeof zodSchema>>().toEqualTypeOf<{ a: number; n: number }>();
    expectTypeOf<InferInput<typeof zodSchema>>().toEqualTypeOf<{ a: number; n: string }>();
    const valibot = toStandardJsonSchema(v.object({ b: v.boolean() }));
    expectTypeOf(valibot).toExtend<StandardSchemaV1<{ b: boolean }>>();
    expectTypeOf<InferOutput<typeof valibot>>().toEqualTypeOf<{ b: boolean }>();
  });

  it("a plain JSON Schema gives Record<string, unknown>", () => {
    const plain = { type: "object", properties: { a: { type: "number" } } };
    expectTypeOf<InferOutput<typeof plain>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<InferInput<typeof plain>>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf(compileSchema(plain, { io: "input", name: "t" })).toEqualTypeOf<
      CompiledSchema<Record<string, unknown>>
    >();
  });

  it("compileSchema is typed by the schema's output", () => {
    const compiled = compileSchema(zodSchema, { io: "input", name: "t" });
    expectTypeOf(compiled).toEqualTypeOf<CompiledSchema<{ a: number; n: number }>>();
    expectTypeOf<ReturnType<CompiledSchema<{ a: number }>["validate"]>>().toEqualTypeOf<
      ValidationResult<{ a: number }> | Promise<ValidationResult<{ a: number }>>
    >();
  });

  it("zod and valibot schemas are assignable to the vendored interfaces", () => {
    expectTypeOf(zodSchema).toExtend<StandardSchemaV1<{ a: number; n: string }, { a: number; n: number }>>();
    expectTypeOf(zodSchema).toExtend<StandardJSONSchemaV1>();
    expectTypeOf(v.string()).toExtend<SchemaLike>();
    expectTypeOf(toStandardJsonSchema(v.string())).toExtend<StandardJSONSchemaV1<string>>();
  });
});
