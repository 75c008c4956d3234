import { toStandardJsonSchema } from "@valibot/to-json-schema";
import * as v from "valibot";
import { bench, describe } from "vitest";
import { z } from "zod";
import { compileSchema } from "../../src/schema/index.js";

/*
 * Per-call cost of validating a small tool argument object, compiled once (run with
 * `npx vitest bench test/schema --run`). Reported, not asserted: numbers vary by machine.
 */

const options = { io: "input" as const, name: "bench", requireObjectRoot: true };
const value = { a: 1, b: 2, label: "sum", tags: ["x", "y"] };
const invalid = { a: 1, b: "2", label: "sum", tags: ["x", 3] };

const plain = compileSchema(
  {
    type: "object",
    properties: {
      a: { type: "number" },
      b: { type: "number" },
      label: { type: "string" },
      tags: { type: "array", items: { type: "string" } },
    },
    required: ["a", "b"],
    additionalProperties: false,
  },
  options,
);
const zod = compileSchema(
  z.strictObject({
    a: z.number(),
    b: z.number(),
    label: z.string().optional(),
    tags: z.array(z.string()).optional(),
  }),
  options,
);
const valibot = compileSchema(
  toStandardJsonSchema(
    v.strictObject({
      a: v.number(),
      b: v.number(),
      label: v.optional(v.string()),
      tags: v.optional(v.array(v.string())),
    }),
  ),
  options,
);

describe("validate a valid small object", () => {
  bench("plain JSON Schema (@cfworker/json-schema)", () => void plain.validate(value));
  bench("zod 4", () => void zod.validate(value));
  bench("valibot", () => void valibot.validate(value));
});

describe("validate an invalid small object (issues mapped)", () => {
  bench("plain JSON Schema (@cfworker/json-schema)", () => void plain.validate(invalid));
  bench("zod 4", () => void zod.validate(invalid));
  bench("valibot", () => void valibot.validate(invalid));
});
