import { describe, expect, it } from "vitest";
import type { Client, JsonObject } from "mcpkit";
import { connect } from "mcpkit/testing";
import { JSON_SCHEMA_2020_12, PNG, SEP_1330_SCHEMA, TOOL_NAMES } from "./expected.js";
import { createConformanceServer } from "./fixture.js";

/*
 * The fixture as the conformance referee sees it, in both eras: what each scenario of 0.1.16 (and
 * its 2026-07-28 variant in 0.2.0-alpha.12) checks, plus the reference texts and shapes.
 */

/** What the referee's client answers, whatever it is asked (0.1.16 tools-call-* scenarios). */
const REFEREE_SAMPLE = {
  role: "assistant" as const,
  content: { type: "text" as const, text: "This is a test response from the client" },
  model: "test-model",
  stopReason: "endTurn",
};

/** A client as the referee runs it, recording every elicitation and sampling request it answers. */
async function refereeClient(
  era: "modern" | "legacy",
  elicitAnswer: JsonObject = { username: "testuser", email: "test@example.com" },
): Promise<{ client: Client; asked: { method: string; params: JsonObject }[] }> {
  const asked: { method: string; params: JsonObject }[] = [];
  const client = await connect(createConformanceServer(), {
    era,
    handlers: {
      "elicitation/create": (params) => {
        asked.push({ method: "elicitation/create", params: params as JsonObject });
        return { action: "accept", content: elicitAnswer };
      },
      "sampling/createMessage": (params) => {
        asked.push({ method: "sampling/createMessage", params: params as JsonObject });
        return REFEREE_SAMPLE;
      },
    },
  });
  return { client, asked };
}

function textOf(result: JsonObject): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((block) => block.text ?? `[${block.type}]`).join("");
}

describe.each(["legacy", "modern"] as const)("the conformance fixture (%s)", (era) => {
  it("lists every tool with a description and an object inputSchema (tools-list)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const { tools } = await client.listTools();
    for (const tool of tools) {
      expect(tool.description, tool.name).toMatch(/\S/);
      expect(tool.inputSchema.type, tool.name).toBe("object");
    }
    expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(TOOL_NAMES));
    expect(new Set(tools.map((tool) => tool.name)).size).toBe(tools.length);
  });

  it("returns text, image, audio, embedded and mixed content (tools-call-*)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const call = (name: string) => client.callTool({ name }) as Promise<JsonObject>;
    expect((await call("test_simple_text")).content).toEqual([
      { type: "text", text: "This is a simple text response for testing." },
    ]);
    expect((await call("test_image_content")).content).toEqual([
      { type: "image", data: PNG, mimeType: "image/png" },
    ]);
    expect((await call("test_audio_content")).content).toEqual([
      {
        type: "audio",
        data: "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=",
        mimeType: "audio/wav",
      },
    ]);
    expect((await call("test_embedded_resource")).content).toEqual([
      {
        type: "resource",
        resource: {
          uri: "test://embedded-resource",
          mimeType: "text/plain",
          text: "This is an embedded resource content.",
        },
      },
    ]);
    expect((await call("test_multiple_content_types")).content).toEqual([
      { type: "text", text: "Multiple content types test:" },
      { type: "image", data: PNG, mimeType: "image/png" },
      {
        type: "resource",
        resource: {
          uri: "test://mixed-content-resource",
          mimeType: "application/json",
          text: '{"test":"data","value":123}',
        },
      },
    ]);
  });

  it("reports a tool error as an isError result, not a JSON-RPC error (tools-call-error)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const result = (await client.callTool({ name: "test_error_handling", arguments: {} })) as JsonObject;
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: "text", text: "This tool intentionally returns an error for testing" }],
    });
  });

  it("sends three info logs about 50 ms apart, before its result (tools-call-with-logging)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const logs: { at: number; params: unknown }[] = [];
    client.on("notifications/message", (params) => logs.push({ at: performance.now(), params }));
    await client.setLoggingLevel({ level: "debug" });
    const result = (await client.callTool({ name: "test_tool_with_logging", arguments: {} })) as JsonObject;
    expect(logs.map((log) => log.params)).toEqual([
      { level: "info", data: "Tool execution started" },
      { level: "info", data: "Tool processing data" },
      { level: "info", data: "Tool execution completed" },
    ]);
    expect(logs[2]!.at - logs[0]!.at).toBeGreaterThanOrEqual(90);
    expect(textOf(result)).toMatch(/\S/);
  });

  it("reports progress 0, 50, 100 of 100 before its result and echoes the token (tools-call-with-progress)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const progress: unknown[] = [];
    const result = (await client.callTool(
      { name: "test_tool_with_progress", arguments: {} },
      { onProgress: (update) => progress.push(update) },
    )) as JsonObject;
    expect(progress).toEqual([
      expect.objectContaining({ progress: 0, total: 100 }),
      expect.objectContaining({ progress: 50, total: 100 }),
      expect.objectContaining({ progress: 100, total: 100 }),
    ]);
    expect(textOf(result)).toMatch(/^Progress test completed with token \S+$/);
    expect(textOf(result)).not.toContain("null");
  });

  it("samples with the prompt and maxTokens 100 (tools-call-sampling)", async () => {
    const { client, asked } = await refereeClient(era);
    await using _client = client;
    const result = (await client.callTool({
      name: "test_sampling",
      arguments: { prompt: "Test prompt for sampling" },
    })) as JsonObject;
    expect(asked).toEqual([
      {
        method: "sampling/createMessage",
        params: {
          messages: [{ role: "user", content: { type: "text", text: "Test prompt for sampling" } }],
          maxTokens: 100,
        },
      },
    ]);
    expect(textOf(result)).toBe("LLM response: This is a test response from the client");
  });

  it("elicits with the given message and describes the answer (tools-call-elicitation)", async () => {
    const { client, asked } = await refereeClient(era);
    await using _client = client;
    const result = (await client.callTool({
      name: "test_elicitation",
      arguments: { message: "Please provide your information" },
    })) as JsonObject;
    expect(asked).toHaveLength(1);
    expect(asked[0]!.params).toMatchObject({
      message: "Please provide your information",
      requestedSchema: { type: "object" },
    });
    expect(textOf(result)).toBe(
      'User response: action=accept, content={"username":"testuser","email":"test@example.com"}',
    );
  });

  it("describes an answer that does not fit its form instead of failing (tools-call-elicitation)", async () => {
    const { client } = await refereeClient(era, { response: "a reply to another form" });
    await using _client = client;
    const result = (await client.callTool({
      name: "test_elicitation",
      arguments: { message: "Hi" },
    })) as JsonObject;
    expect(result.isError).toBeUndefined();
    expect(textOf(result)).toMatch(/^User response: the answer did not fit the form/);
  });

  it("asks SEP-1034 defaults with exactly the checked types and defaults (elicitation-sep1034-defaults)", async () => {
    const answer = { name: "Jane Smith", age: 25, score: 88, status: "inactive", verified: false };
    const { client, asked } = await refereeClient(era, answer);
    await using _client = client;
    const result = (await client.callTool({
      name: "test_elicitation_sep1034_defaults",
      arguments: {},
    })) as JsonObject;
    expect(stripDescriptions(asked[0]!.params.requestedSchema)).toEqual({
      type: "object",
      properties: {
        name: { type: "string", default: "John Doe" },
        age: { type: "integer", default: 30 },
        score: { type: "number", default: 95.5 },
        status: { type: "string", enum: ["active", "inactive", "pending"], default: "active" },
        verified: { type: "boolean", default: true },
      },
      required: [],
    });
    expect(textOf(result)).toBe(`Elicitation completed: action=accept, content=${JSON.stringify(answer)}`);
  });

  it("asks the five SEP-1330 enum shapes exactly (elicitation-sep1330-enums)", async () => {
    const answer = {
      untitledSingle: "option1",
      titledSingle: "value1",
      legacyEnum: "opt1",
      untitledMulti: ["option1", "option2"],
      titledMulti: ["value1", "value2"],
    };
    const { client, asked } = await refereeClient(era, answer);
    await using _client = client;
    const result = (await client.callTool({
      name: "test_elicitation_sep1330_enums",
      arguments: {},
    })) as JsonObject;
    expect(stripDescriptions(asked[0]!.params.requestedSchema)).toEqual(SEP_1330_SCHEMA);
    expect(textOf(result)).toBe(`Elicitation completed: action=accept, content=${JSON.stringify(answer)}`);
  });

  it("keeps the JSON Schema 2020-12 input verbatim (json-schema-2020-12)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const { tools } = await client.listTools();
    const tool = tools.find((entry) => entry.name === "json_schema_2020_12_tool");
    expect(tool?.inputSchema).toEqual(JSON_SCHEMA_2020_12);
  });

  it("annotates region, and only region, with x-mcp-header (http-custom-header-server-validation)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const { tools } = await client.listTools();
    const annotated = tools.filter((tool) =>
      Object.values(tool.inputSchema.properties ?? {}).some(
        (property) => "x-mcp-header" in (property as object),
      ),
    );
    expect(annotated.map((tool) => tool.name)).toEqual(["test_x_mcp_header"]);
    expect(annotated[0]!.inputSchema.properties).toEqual({
      region: { type: "string", description: "Region to operate in", "x-mcp-header": "Region" },
      level: { type: "integer", description: "A plain argument with no header" },
    });
    const result = (await client.callTool({
      name: "test_x_mcp_header",
      arguments: { region: "Hello", level: 0 },
    })) as JsonObject;
    expect(result.isError).toBeUndefined();
  });

  it("returns the reconnection tool's text (server-sse-polling, HTTP part pending)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const result = (await client.callTool({ name: "test_reconnection", arguments: {} })) as JsonObject;
    expect(textOf(result)).toBe("Reconnection test completed successfully");
  });
});

/** The referee checks types, defaults and enum shapes; descriptions are optional extras. */
function stripDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDescriptions);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).filter(([key]) => key !== "description");
  return Object.fromEntries(entries.map(([key, inner]) => [key, stripDescriptions(inner)]));
}
