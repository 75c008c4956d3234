import { describe, expect, it } from "vitest";
import type { JsonObject } from "mcpkit";
import { connect } from "mcpkit/testing";
import { createConformanceServer } from "./fixture.js";
import { ALL_CAPS, rawFixture, textOf } from "./raw-fixture.js";

/*
 * The input-required-result-* fixtures (SEP-2322) as the alpha.12 referee drives them: on the
 * 2026-07-28 wire round by round with the exact keys, and on a legacy session as real requests.
 */

const NAME_FORM = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };
const accept = (content: JsonObject) => ({ action: "accept", content });
const REPLY = (text: string) => ({
  role: "assistant",
  content: { type: "text", text },
  model: "test-model",
  stopReason: "endTurn",
});
const ROOTS = { roots: [{ uri: "file:///test/root", name: "Test Root" }] };

describe("input-required-result-* (2026-07-28 wire)", () => {
  it("basic-elicitation, result-type: user_name, then Hello, <name>!", async () => {
    const { call } = await rawFixture();
    const first = await call("test_input_required_result_elicitation");
    expect(first.result).toEqual({
      resultType: "input_required",
      inputRequests: {
        user_name: {
          method: "elicitation/create",
          params: { mode: "form", message: "What is your name?", requestedSchema: NAME_FORM },
        },
      },
      requestState: expect.any(String),
      _meta: expect.any(Object),
    });
    const second = await call("test_input_required_result_elicitation", {
      inputResponses: { user_name: accept({ name: "Alice" }) },
      requestState: first.result!.requestState,
    });
    expect(second.result).toMatchObject({ resultType: "complete" });
    expect(textOf(second.result)).toBe("Hello, Alice!");
  });

  it("missing-input-response, ignore-extra-params, validate-input: asks again, ignores extras, rejects garbage", async () => {
    const { call } = await rawFixture();
    const wrongKey = await call("test_input_required_result_elicitation", {
      inputResponses: { wrong_key: accept({ data: "wrong" }) },
    });
    expect(wrongKey.result).toMatchObject({ resultType: "input_required", inputRequests: { user_name: {} } });
    const extras = await call("test_input_required_result_elicitation", {
      inputResponses: {
        user_name: accept({ name: "Alice" }),
        unknown_extra_key: accept({ foo: "bar" }),
        another_unexpected: accept({ baz: 123 }),
      },
    });
    expect(textOf(extras.result)).toBe("Hello, Alice!");
    const garbage = await call("test_input_required_result_elicitation", {
      inputResponses: { user_name: 12345 },
    });
    expect(garbage.error).toMatchObject({ code: -32602 });
    const nullResponses = await call("test_input_required_result_elicitation", { inputResponses: null });
    expect(nullResponses.result).toMatchObject({ resultType: "input_required" });
  });

  it("basic-sampling: capital_question with maxTokens 100, then the reply", async () => {
    const { call } = await rawFixture();
    const first = await call("test_input_required_result_sampling");
    expect(first.result!.inputRequests).toEqual({
      capital_question: {
        method: "sampling/createMessage",
        params: {
          messages: [{ role: "user", content: { type: "text", text: "What is the capital of France?" } }],
          maxTokens: 100,
        },
      },
    });
    const second = await call("test_input_required_result_sampling", {
      inputResponses: { capital_question: REPLY("The capital of France is Paris.") },
      requestState: first.result!.requestState,
    });
    expect(textOf(second.result)).toBe("The model answered: The capital of France is Paris.");
  });

  it("basic-list-roots: client_roots, then the root URIs", async () => {
    const { call } = await rawFixture();
    const first = await call("test_input_required_result_list_roots");
    expect(first.result!.inputRequests).toEqual({ client_roots: { method: "roots/list" } });
    const second = await call("test_input_required_result_list_roots", {
      inputResponses: { client_roots: ROOTS },
      requestState: first.result!.requestState,
    });
    expect(textOf(second.result)).toBe("Client roots: file:///test/root");
  });

  it("request-state: confirm with a state; completes (state-ok) only with the state echoed", async () => {
    const { call } = await rawFixture();
    const first = await call("test_input_required_result_request_state");
    expect(first.result).toMatchObject({
      requestState: expect.any(String),
      inputRequests: {
        confirm: {
          method: "elicitation/create",
          params: {
            message: "Please confirm",
            requestedSchema: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] },
          },
        },
      },
    });
    const answers = { inputResponses: { confirm: accept({ ok: true }) } };
    const withState = await call("test_input_required_result_request_state", {
      ...answers,
      requestState: first.result!.requestState,
    });
    expect(textOf(withState.result)).toContain("state-ok");
    const withoutState = await call("test_input_required_result_request_state", answers);
    expect(withoutState.error).toMatchObject({ code: -32602 });
  });

  it("tampered-state: an altered requestState is -32602", async () => {
    const { call } = await rawFixture();
    const first = await call("test_input_required_result_tampered_state");
    expect(Object.keys(first.result!.inputRequests as JsonObject)).toEqual(["confirm"]);
    const tampered = await call("test_input_required_result_tampered_state", {
      inputResponses: { confirm: accept({ ok: true }) },
      requestState: `${first.result!.requestState as string}-TAMPERED`,
    });
    expect(tampered.error).toMatchObject({ code: -32602 });
  });

  it("multiple-input-requests: user_name, greeting and client_roots in one round", async () => {
    const { call } = await rawFixture();
    const first = await call("test_input_required_result_multiple_inputs");
    expect(first.result).toMatchObject({
      requestState: expect.any(String),
      inputRequests: {
        user_name: { method: "elicitation/create", params: { message: "What is your name?" } },
        greeting: {
          method: "sampling/createMessage",
          params: {
            messages: [{ role: "user", content: { type: "text", text: "Generate a greeting" } }],
            maxTokens: 50,
          },
        },
        client_roots: { method: "roots/list" },
      },
    });
    expect(Object.keys(first.result!.inputRequests as JsonObject)).toHaveLength(3);
    const second = await call("test_input_required_result_multiple_inputs", {
      inputResponses: {
        user_name: accept({ name: "Alice" }),
        greeting: REPLY("Hello there!"),
        client_roots: ROOTS,
      },
      requestState: first.result!.requestState,
    });
    expect(textOf(second.result)).toBe("name=Alice; greeting=Hello there!; roots=file:///test/root");
  });

  it("multi-round: step1, then step2 with a different state, then complete", async () => {
    const { call } = await rawFixture();
    const r1 = await call("test_input_required_result_multi_round");
    expect(r1.result!.inputRequests).toMatchObject({
      step1: { params: { message: "Step 1: What is your name?", requestedSchema: NAME_FORM } },
    });
    const r2 = await call("test_input_required_result_multi_round", {
      inputResponses: { step1: accept({ name: "Alice" }) },
      requestState: r1.result!.requestState,
    });
    expect(r2.result!.inputRequests).toEqual({
      step2: {
        method: "elicitation/create",
        params: {
          mode: "form",
          message: "Step 2: What is your favorite color?",
          requestedSchema: { type: "object", properties: { color: { type: "string" } }, required: ["color"] },
        },
      },
    });
    expect(r2.result!.requestState).toEqual(expect.any(String));
    expect(r2.result!.requestState).not.toBe(r1.result!.requestState);
    const r3 = await call("test_input_required_result_multi_round", {
      inputResponses: { step2: accept({ color: "blue" }) },
      requestState: r2.result!.requestState,
    });
    expect(r3.result).toMatchObject({ resultType: "complete" });
    expect(textOf(r3.result)).toContain('"name":"Alice"');
    expect(textOf(r3.result)).toContain('"color":"blue"');
  });

  it("capability-check: asks only for what the request declares", async () => {
    const { call } = await rawFixture();
    const caps = (declared: JsonObject) => ({ "io.modelcontextprotocol/clientCapabilities": declared });
    const samplingOnly = await call("test_input_required_result_capabilities", {}, caps({ sampling: {} }));
    expect(Object.keys(samplingOnly.result!.inputRequests as JsonObject)).toEqual(["greeting"]);
    const all = await call("test_input_required_result_capabilities", {}, caps(ALL_CAPS));
    expect(Object.keys(all.result!.inputRequests as JsonObject)).toEqual([
      "user_name",
      "greeting",
      "client_roots",
    ]);
    const none = await call("test_input_required_result_capabilities", {}, caps({}));
    expect(none.result).toMatchObject({ resultType: "complete" });
  });

  it("non-tool-request: the prompt asks under user_context, then returns its messages", async () => {
    const { request } = await rawFixture();
    const first = await request("prompts/get", { name: "test_input_required_result_prompt" });
    expect(first.result!.inputRequests).toEqual({
      user_context: {
        method: "elicitation/create",
        params: {
          mode: "form",
          message: "What context should the prompt use?",
          requestedSchema: {
            type: "object",
            properties: { context: { type: "string" } },
            required: ["context"],
          },
        },
      },
    });
    const second = await request("prompts/get", {
      name: "test_input_required_result_prompt",
      inputResponses: { user_context: accept({ context: "test context" }) },
      requestState: first.result!.requestState,
    });
    expect(second.result).toMatchObject({
      resultType: "complete",
      messages: [
        { role: "user", content: { type: "text", text: "Use the following context: test context" } },
      ],
    });
  });

  it("unsupported-methods: lists never answer input_required", async () => {
    const { request } = await rawFixture();
    for (const method of ["tools/list", "prompts/list", "resources/list"])
      expect((await request(method, {})).result, method).toMatchObject({ resultType: "complete" });
  });
});

describe("the input_required fixtures on a legacy session", () => {
  it("ask with real requests, only for the capabilities the client declared", async () => {
    const asked: string[] = [];
    await using client = await connect(createConformanceServer(), {
      era: "legacy",
      capabilities: { sampling: {} },
      handlers: {
        "sampling/createMessage": (params) => {
          asked.push(JSON.stringify(params));
          return { role: "assistant", content: { type: "text", text: "Hi!" }, model: "m" };
        },
      },
    });
    const result = (await client.callTool({
      name: "test_input_required_result_capabilities",
      arguments: {},
    })) as JsonObject;
    expect(textOf(result)).toBe("greeting=Hi!");
    expect(asked).toEqual([
      JSON.stringify({
        maxTokens: 50,
        messages: [{ role: "user", content: { type: "text", text: "Generate a greeting" } }],
      }),
    ]);
  });
});
