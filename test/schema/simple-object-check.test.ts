import { describe, expect, it } from "vitest";
import { validate } from "@cfworker/json-schema";
import { simpleObjectCheck } from "../../src/schema/simple-object-check.js";

/*
 * The fast check in front of the JSON Schema validator must never accept what the validator
 * refuses, and must accept the ordinary valid arguments (else it is dead weight).
 */

const TOOL = {
  type: "object",
  properties: {
    city: { type: "string", description: "Where", "x-mcp-header": "City" },
    days: { type: "integer", default: 1 },
    ratio: { type: "number" },
    verbose: { type: "boolean" },
  },
  required: ["city"],
};
const CLOSED = { ...TOOL, additionalProperties: false };

const VALUES: unknown[] = [
  { city: "Paris" },
  { city: "Paris", days: 3, ratio: 0.5, verbose: true, extra: [1] },
  { city: "Paris", days: 2.5 },
  { city: "Paris", ratio: Number.NaN },
  { city: "Paris", ratio: Number.POSITIVE_INFINITY },
  { city: 7 },
  { days: 3 },
  { city: "Paris", verbose: "yes" },
  { city: "Paris", days: undefined },
  Object.create({ city: "inherited" }) as unknown,
  [],
  null,
  "Paris",
  {},
];

function validatorSays(schema: object, value: unknown): boolean | "throws" {
  try {
    return validate(value, structuredClone(schema), "2020-12", undefined, false).valid;
  } catch {
    return "throws";
  }
}

describe("simpleObjectCheck", () => {
  it("accepts only what the JSON Schema validator accepts, for open and closed objects", () => {
    for (const schema of [TOOL, CLOSED]) {
      const check = simpleObjectCheck(schema);
      expect(check).toBeDefined();
      for (const value of VALUES) {
        if (check!(value)) expect.soft(validatorSays(schema, value), JSON.stringify(value)).toBe(true);
      }
    }
  });

  it("accepts the ordinary valid arguments, so the general validator is skipped for them", () => {
    const check = simpleObjectCheck(TOOL)!;
    expect(check({ city: "Paris" })).toBe(true);
    expect(check({ city: "Paris", days: 3, ratio: 0.5, verbose: false })).toBe(true);
    expect(check({ city: "Paris", other: "allowed while the object is open" })).toBe(true);
    expect(simpleObjectCheck(CLOSED)!({ city: "Paris", other: "not allowed" })).toBe(false);
    expect(simpleObjectCheck({ type: "object" })!({ anything: 1 })).toBe(true);
  });

  it("declines schemas with any keyword that constrains more than the type", () => {
    const declined = [
      { type: "object", properties: { a: { type: "string", minLength: 2 } } },
      { type: "object", properties: { a: { type: "string", format: "email" } } },
      { type: "object", properties: { a: { enum: ["x"] } } },
      { type: "object", properties: { a: { type: ["string", "null"] } } },
      { type: "object", properties: { a: { type: "object" } } },
      { type: "object", properties: { a: { $ref: "#/$defs/x" } }, $defs: { x: { type: "string" } } },
      { type: "object", additionalProperties: { type: "string" } },
      { type: "object", minProperties: 1 },
      { type: "array" },
    ];
    for (const schema of declined)
      expect.soft(simpleObjectCheck(schema), JSON.stringify(schema)).toBeUndefined();
  });
});
