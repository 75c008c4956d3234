import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import { generateSpecTypes } from "../../scripts/gen-spec-types.js";
import { typeOf, type JsonSchema } from "../../scripts/spec-gen/emit-types.js";
import { emitMethodMaps } from "../../scripts/spec-gen/method-maps.js";
import * as spec from "../../src/spec/index.js";
import type { Spec2024_11_05, Spec2025_11_25, Spec2026_07_28 } from "../../src/spec/index.js";
import { ALL_PROTOCOL_VERSIONS, type ProtocolVersion } from "../../src/spec/revisions.js";

const ROOT = new URL("../../", import.meta.url);
const ALL = ALL_PROTOCOL_VERSIONS;
const LEGACY = ALL.filter((v) => v !== "2026-07-28");
const ONLY_2025_11 = ["2025-11-25"] as const;
const ONLY_2026 = ["2026-07-28"] as const;

/** REVISIONS.md §1.1 and §1.2: which revisions' schema unions carry each method. */
const EXPECTED: Record<string, Readonly<Record<string, readonly ProtocolVersion[]>>> = {
  CLIENT_REQUEST_METHODS: {
    initialize: LEGACY,
    ping: LEGACY,
    "server/discover": ONLY_2026,
    "tools/list": ALL,
    "tools/call": ALL,
    "prompts/list": ALL,
    "prompts/get": ALL,
    "resources/list": ALL,
    "resources/templates/list": ALL,
    "resources/read": ALL,
    "resources/subscribe": LEGACY,
    "resources/unsubscribe": LEGACY,
    "subscriptions/listen": ONLY_2026,
    "logging/setLevel": LEGACY,
    "completion/complete": ALL,
    "tasks/get": ONLY_2025_11,
    "tasks/result": ONLY_2025_11,
    "tasks/list": ONLY_2025_11,
    "tasks/cancel": ONLY_2025_11,
  },
  SERVER_REQUEST_METHODS: {
    ping: LEGACY,
    "sampling/createMessage": LEGACY,
    "roots/list": LEGACY,
    "elicitation/create": ["2025-06-18", "2025-11-25"],
    "tasks/get": ONLY_2025_11,
    "tasks/result": ONLY_2025_11,
    "tasks/list": ONLY_2025_11,
    "tasks/cancel": ONLY_2025_11,
  },
  CLIENT_NOTIFICATION_METHODS: {
    "notifications/cancelled": ALL,
    "notifications/initialized": LEGACY,
    "notifications/progress": LEGACY,
    "notifications/roots/list_changed": LEGACY,
    "notifications/tasks/status": ONLY_2025_11,
  },
  SERVER_NOTIFICATION_METHODS: {
    "notifications/cancelled": ALL,
    "notifications/progress": ALL,
    "notifications/message": ALL,
    "notifications/resources/updated": ALL,
    "notifications/resources/list_changed": ALL,
    "notifications/tools/list_changed": ALL,
    "notifications/prompts/list_changed": ALL,
    "notifications/elicitation/complete": ONLY_2025_11,
    "notifications/tasks/status": ONLY_2025_11,
    "notifications/subscriptions/acknowledged": ONLY_2026,
  },
};

const namespaceOf = (rev: ProtocolVersion) => spec[`Spec${rev.replaceAll("-", "_")}` as keyof typeof spec];
const generatedModule = (rev: ProtocolVersion) => namespaceOf(rev) as unknown as Record<string, unknown>;

describe("generated spec types are current", () => {
  const files = generateSpecTypes();

  it.each([...files])("%s matches generateSpecTypes()", (path, text) => {
    const committed = readFileSync(new URL(path, ROOT), "utf8");
    expect(committed === text, `${path} is stale or hand-edited: run \`npm run gen:spec\``).toBe(true);
  });

  it("has exactly one file per revision (draft-07 `definitions` and 2020-12 `$defs` alike)", () => {
    const onDisk = readdirSync(new URL("src/spec/generated/", ROOT)).map((f) => `src/spec/generated/${f}`);
    expect(onDisk.sort()).toEqual([...files.keys()].sort());
    expect([...files.keys()]).toEqual(ALL.map((rev) => `src/spec/generated/${rev}.ts`));
  });

  it("is deterministic", () => {
    expect(generateSpecTypes()).toEqual(files);
  });
});

describe("runtime method lists follow REVISIONS.md §1.1/§1.2", () => {
  it.each(ALL)("%s exports its PROTOCOL_VERSION", (rev) => {
    expect(generatedModule(rev)["PROTOCOL_VERSION"]).toBe(rev);
  });

  for (const [list, methods] of Object.entries(EXPECTED)) {
    it.each(ALL)(`${list} in %s`, (rev) => {
      const expected = Object.keys(methods).filter((m) => methods[m]!.includes(rev));
      expect([...(generatedModule(rev)[list] as string[])].sort()).toEqual(expected.sort());
    });
  }
});

describe("types", () => {
  it("maps methods to params and results", () => {
    expectTypeOf<Spec2025_11_25.ClientRequests["tools/call"]["params"]>()
      .toHaveProperty("name")
      .toEqualTypeOf<string>();
    expectTypeOf<Spec2025_11_25.ClientRequests["ping"]["result"]>().toEqualTypeOf<Spec2025_11_25.Result>();
    expectTypeOf<
      Spec2025_11_25.ServerRequests["tasks/result"]["result"]
    >().toEqualTypeOf<Spec2025_11_25.GetTaskPayloadResult>();
    expectTypeOf<Spec2024_11_05.ClientRequests["tools/call"]["params"]>()
      .toHaveProperty("arguments")
      .toEqualTypeOf<{ [key: string]: unknown } | undefined>();
    expectTypeOf<keyof Spec2026_07_28.ServerRequests>().toEqualTypeOf<never>();
  });

  it("lets 2026-07-28 tools/call answer with an InputRequiredResult", () => {
    const inputRequired = { resultType: "input_required", requestState: "opaque" };
    expectTypeOf(inputRequired).toExtend<Spec2026_07_28.ClientRequests["tools/call"]["result"]>();
    expectTypeOf<Spec2026_07_28.ClientRequests["tools/call"]["result"]>().toEqualTypeOf<
      Spec2026_07_28.InputRequiredResult | Spec2026_07_28.CallToolResult
    >();
  });

  it("quotes non-identifier keys and keeps _meta open", () => {
    expectTypeOf<Spec2026_07_28.RequestMetaObject>()
      .toHaveProperty("io.modelcontextprotocol/protocolVersion")
      .toEqualTypeOf<string>();
    expectTypeOf({ traceparent: "00-abc" }).toExtend<Partial<Spec2026_07_28.RequestMetaObject>>();
  });

  it("keeps each revision's own vocabulary", () => {
    // @ts-expect-error AudioContent arrived in 2025-03-26.
    type _NoAudio = Spec2024_11_05.AudioContent;
    expectTypeOf<Spec2025_11_25.AudioContent["type"]>().toEqualTypeOf<"audio">();
    expectTypeOf<Spec2025_11_25.GetTaskResult>().toHaveProperty("taskId").toEqualTypeOf<string>();
  });
});

describe("generator failures are loud", () => {
  const ctx = { defs: {}, depth: 0, path: "Test" };

  it("throws when a result type cannot be determined", () => {
    const defs: Record<string, JsonSchema> = {
      ClientRequest: { anyOf: [{ $ref: "#/$defs/FrobRequest" }] },
      FrobRequest: { type: "object", properties: { method: { const: "frob" } } },
      ClientNotification: { anyOf: [] },
      ServerNotification: { anyOf: [] },
    };
    expect(() => emitMethodMaps(defs)).toThrow(/frob.*RESULT_OVERRIDES/);
  });

  it("throws on an unsupported keyword or an unknown $ref", () => {
    const schema = JSON.parse('{ "patternProperties": {} }') as JsonSchema;
    expect(() => typeOf(schema, ctx)).toThrow(/patternProperties/);
    expect(() => typeOf({ $ref: "#/$defs/Missing" }, ctx)).toThrow(/unresolvable/);
  });
});
