import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileSchema, objectProperties } from "../../src/schema/index.js";

describe("objectProperties", () => {
  it("lists a zod object's properties with descriptions and required flags", () => {
    const args = z.object({
      code: z.string().describe("The code to review"),
      language: z.string().optional(),
      strict: z.boolean().default(false).meta({ title: "Strict mode" }),
    });
    const { jsonSchema } = compileSchema(args, { io: "input", name: "p", requireObjectRoot: true });
    expect(objectProperties(jsonSchema)).toEqual([
      { name: "code", description: "The code to review", required: true },
      { name: "language", required: false },
      { name: "strict", title: "Strict mode", required: false },
    ]);
  });

  it("follows a root $ref, as zod emits for .meta({ id }), and property $refs", () => {
    const user = z.object({ id: z.string() }).meta({ id: "User", description: "Who asks" });
    const args = z.object({ user, topic: z.string().describe("What about") }).meta({ id: "Args" });
    const { jsonSchema } = compileSchema(args, { io: "input", name: "p" });
    expect(jsonSchema.$ref).toBe("#/$defs/Args");
    expect(objectProperties(jsonSchema)).toEqual([
      { name: "user", description: "Who asks", required: true },
      { name: "topic", description: "What about", required: true },
    ]);
  });

  it("reads plain schemas, draft-07 definitions, and sibling annotations next to $ref", () => {
    expect(
      objectProperties({
        $ref: "#/definitions/Args",
        definitions: {
          Args: {
            type: "object",
            properties: {
              a: { $ref: "#/definitions/Text", description: "Here" },
              b: { $ref: "#/definitions/Text" },
            },
            required: ["b"],
          },
          Text: { type: "string", description: "Some text" },
        },
      }),
    ).toEqual([
      { name: "a", description: "Here", required: false },
      { name: "b", description: "Some text", required: true },
    ]);
  });

  it("gives [] when there are no properties or the root $ref is not local", () => {
    expect(objectProperties({ type: "object" })).toEqual([]);
    expect(objectProperties({ $ref: "https://example.com/a.json" })).toEqual([]);
    expect(objectProperties({ $ref: "#/$defs/missing" })).toEqual([]);
    const cycle = { $ref: "#/$defs/a", $defs: { a: { $ref: "#/$defs/a" } } };
    expect(objectProperties(cycle)).toEqual([]);
  });
});
