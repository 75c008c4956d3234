import { Validator } from "@cfworker/json-schema";
import type { Schema } from "@cfworker/json-schema";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { compileSchema, formatIssues } from "../../src/schema/index.js";
import type { JsonSchema, ValidationResult } from "../../src/schema/index.js";

const options = { io: "input" as const, name: 'tool "t" input', requireObjectRoot: true };

/** Plain JSON Schemas always validate synchronously. */
function check(schema: JsonSchema, value: unknown): ValidationResult<Record<string, unknown>> {
  const result = compileSchema(schema, options).validate(value);
  if (result instanceof Promise) throw new Error("a plain JSON Schema answered asynchronously");
  return result;
}

const address = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    name: { type: "string", minLength: 1 },
    home: { $ref: "#/$defs/address" },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["name"],
  additionalProperties: false,
  $defs: {
    address: {
      type: "object",
      properties: { street: { type: "string" }, zip: { type: "integer" } },
      required: ["street"],
      additionalProperties: false,
    },
  },
};

describe("compileSchema with a plain JSON Schema 2020-12", () => {
  it("publishes the caller's object verbatim, and never annotates it", () => {
    const before = structuredClone(address);
    const compiled = compileSchema(address, options);
    expect(compiled.jsonSchema).toBe(address);
    expect(compiled.jsonSchema).toStrictEqual(before);
    // cfworker adds hidden __absolute_uri__ members to the schema it is given: a private copy.
    expect(Object.getOwnPropertyNames(address)).toEqual(Object.keys(before));
    expect(Object.getOwnPropertyNames(address.$defs.address)).toEqual(Object.keys(before.$defs.address));
  });

  it("accepts a deeply frozen schema", () => {
    const frozen = Object.freeze({
      type: "object",
      properties: Object.freeze({ a: Object.freeze({ type: "number" }) }),
    });
    expect(check(frozen, { a: 1 })).toEqual({ ok: true, value: { a: 1 } });
  });

  it("accepts a valid value and returns it as is", () => {
    const value = { name: "Ada", home: { street: "Main", zip: 1 }, tags: ["x"] };
    const result = check(address, value);
    expect(result).toEqual({ ok: true, value });
    expect(result.ok && result.value).toBe(value);
  });

  it("rejects an extra property (additionalProperties: false) with its path", () => {
    expect(check(address, { name: "Ada", extra: 1 })).toEqual({
      ok: false,
      issues: [{ path: "extra", message: "Unexpected property." }],
    });
  });

  it("rejects a wrong nested type through $ref, reporting all errors with paths", () => {
    const result = check(address, { name: "", home: { zip: 1.5, x: 0 }, tags: ["a", 2] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { path: "name", message: "String is too short (0 < 1)." },
      { path: "home.street", message: "Required property is missing." },
      { path: "home.zip", message: "Expected integer, received number" },
      { path: "home.x", message: "Unexpected property." },
      { path: "tags[1]", message: "Expected string, received number" },
    ]);
    expect(formatIssues(result.issues)).toBe(
      [
        "name: String is too short (0 < 1).",
        "home.street: Required property is missing.",
        "home.zip: Expected integer, received number",
        "home.x: Unexpected property.",
        "tags[1]: Expected string, received number",
      ].join("\n"),
    );
  });

  it("reports a missing required root property and odd keys readably", () => {
    const schema = {
      type: "object",
      properties: { "a/b~c d": { type: "object", properties: { "0": { type: "string" } } } },
    };
    expect(check({ type: "object", required: ["q"] }, {})).toEqual({
      ok: false,
      issues: [{ path: "q", message: "Required property is missing." }],
    });
    expect(check(schema, { "a/b~c d": { "0": 1 } })).toEqual({
      ok: false,
      issues: [{ path: '["a/b~c d"]["0"]', message: "Expected string, received number" }],
    });
  });

  it("lists each failing branch of an anyOf", () => {
    const schema = {
      type: "object",
      properties: { id: { anyOf: [{ type: "string" }, { type: "integer" }] } },
    };
    const result = check(schema, { id: true });
    expect(result.ok || result.issues).toEqual([
      { path: "id", message: "Instance does not match any subschemas." },
      { path: "id", message: "Expected string, received boolean" },
      { path: "id", message: "Expected integer, received boolean" },
    ]);
  });

  it("checks output the way it will be sent: undefined members are absent", () => {
    const schema = {
      type: "object",
      properties: { a: { type: "number" }, b: { type: "string" } },
      required: ["a"],
    };
    const value = { a: 1, b: undefined };
    expect(check(schema, value)).toEqual({ ok: true, value });
    expect(check(schema, { a: undefined })).toMatchObject({ ok: false, issues: [{ path: "a" }] });
    expect(check(schema, { a: 1, b: () => 1 })).toMatchObject({
      ok: false,
      issues: [{ path: "", message: expect.stringMatching(/^Value could not be validated/) }],
    });
  });

  it("publishes z.toJSONSchema() output verbatim and validates it with zod", () => {
    const zod = z.object({ n: z.string().transform((s) => s.length) });
    const jsonSchema = z.toJSONSchema(zod, { io: "input" });
    const compiled = compileSchema(jsonSchema, options);
    expect(compiled.jsonSchema).toBe(jsonSchema);
    expect(compiled.validate({ n: "abc" })).toEqual({ ok: true, value: { n: 3 } });
  });
});

describe("compileSchema with other drafts", () => {
  it("validates draft-07 with definitions", () => {
    const schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      properties: { point: { $ref: "#/definitions/point" } },
      definitions: { point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] } },
    };
    const copy = structuredClone(schema);
    expect(compileSchema(schema, options).jsonSchema).toStrictEqual(copy);
    expect(check(schema, { point: { x: 1 } })).toMatchObject({ ok: true });
    expect(check(schema, { point: { x: "1" } })).toEqual({
      ok: false,
      issues: [{ path: "point.x", message: "Expected number, received string" }],
    });
  });

  it("refuses a dialect it cannot honour, at compile time", () => {
    expect(() =>
      compileSchema({ $schema: "https://example.com/my-dialect", type: "object" }, options),
    ).toThrow(/tool "t" input: unsupported \$schema "https:\/\/example.com\/my-dialect"/);
  });

  it("requireObjectRoot applies to plain schemas too, without rewriting them", () => {
    expect(() => compileSchema({ type: "array" }, options)).toThrow(/got type "array"/);
    const rootRef = { $ref: "#/$defs/A", $defs: { A: { type: "object" } } };
    expect(() => compileSchema(rootRef, options)).toThrow(/got no type/);
    expect(compileSchema(rootRef, { io: "output", name: "o" }).jsonSchema).toBe(rootRef);
  });
});

describe("references are never fetched", () => {
  afterEach(() => vi.unstubAllGlobals());
  const remote = { type: "object", properties: { a: { $ref: "https://example.com/schemas/a.json" } } };

  it("cfworker itself never fetches: an unresolved $ref throws when validating", () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    const validator = new Validator(structuredClone(remote) as Schema, "2020-12", false);
    expect(() => validator.validate({ a: 1 })).toThrow(/Unresolved \$ref/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("compileSchema fails closed at registration, naming the reference", () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    expect(() => compileSchema(remote, options)).toThrow(
      'tool "t" input: $ref "https://example.com/schemas/a.json" does not resolve inside the schema. ' +
        'Remote references are never fetched: copy the referenced schema under "$defs" and point to it.',
    );
    expect(() =>
      compileSchema({ type: "object", properties: { a: { $ref: "#/$defs/missing" } } }, options),
    ).toThrow(/\$ref "#\/\$defs\/missing" does not resolve/);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("resolves references against $id and anchors inside the document", () => {
    const schema = {
      $id: "https://example.com/root.json",
      type: "object",
      properties: { a: { $ref: "item.json" }, b: { $ref: "#num" } },
      $defs: { item: { $id: "item.json", type: "string" }, num: { $anchor: "num", type: "number" } },
    };
    expect(check(schema, { a: "x", b: 1 })).toMatchObject({ ok: true });
    expect(check(schema, { a: 1, b: "x" })).toMatchObject({
      ok: false,
      issues: [{ path: "a" }, { path: "b" }],
    });
  });

  it("refuses $dynamicRef (unsupported, it would accept anything) and invalid patterns", () => {
    expect(() =>
      compileSchema({ type: "object", properties: { a: { $dynamicRef: "#node" } } }, options),
    ).toThrow(/\$dynamicRef is not supported/);
    expect(() => compileSchema({ type: "object", properties: { a: { pattern: "(" } } }, options)).toThrow(
      /invalid pattern "\("/,
    );
  });
});
