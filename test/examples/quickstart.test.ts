import { connect } from "mcpkit/testing";
import { describe, expect, it } from "vitest";
import { mcp } from "../../examples/quickstart.js";

describe.each(["modern", "legacy"] as const)("examples/quickstart.ts (%s)", (era) => {
  it("lists its tool, resource template and prompt", async () => {
    await using client = await connect(mcp, { era });
    expect(client.serverInfo).toEqual({ name: "Demo", version: "1.0.0" });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => [tool.name, tool.description])).toEqual([["add", "Add two numbers"]]);
    expect(tools[0]?.inputSchema).toMatchObject({
      type: "object",
      properties: { a: { type: "integer" }, b: { type: "integer" } },
      required: ["a", "b"],
    });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      {
        uriTemplate: "greeting://{name}",
        name: "greeting://{name}",
        description: "Get a personalized greeting",
      },
    ]);
    const { prompts } = await client.listPrompts();
    expect(prompts).toEqual([
      {
        name: "greet_user",
        description: "Generate a greeting prompt",
        arguments: [
          { name: "name", required: true },
          { name: "style", required: false },
        ],
      },
    ]);
  });

  it("adds two numbers, as text and as a structured result", async () => {
    await using client = await connect(mcp, { era });
    const result = await client.callTool({ name: "add", arguments: { a: 1, b: 2 } });
    expect(result.content).toEqual([{ type: "text", text: "3" }]);
    expect(result.structuredContent).toEqual({ result: 3 });
    expect(result.isError).toBeUndefined();
  });

  it("rejects arguments that are not integers with an error the model can read", async () => {
    await using client = await connect(mcp, { era });
    const result = await client.callTool({ name: "add", arguments: { a: 1.5, b: "2" } });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      {
        type: "text",
        text: 'Invalid arguments for tool "add": a: Invalid input: expected int, received number\nb: Invalid input: expected number, received string',
      },
    ]);
  });

  it("reads greeting://{name}", async () => {
    await using client = await connect(mcp, { era });
    const { contents } = await client.readResource({ uri: "greeting://World" });
    expect(contents).toEqual([{ uri: "greeting://World", mimeType: "text/plain", text: "Hello, World!" }]);
  });

  it.each([
    [undefined, "Please write a warm, friendly greeting for someone named Ada."],
    ["friendly", "Please write a warm, friendly greeting for someone named Ada."],
    ["formal", "Please write a formal, professional greeting for someone named Ada."],
    ["casual", "Please write a casual, relaxed greeting for someone named Ada."],
  ])("gets greet_user with style %s", async (style, text) => {
    await using client = await connect(mcp, { era });
    const args = style === undefined ? { name: "Ada" } : { name: "Ada", style };
    const result = await client.getPrompt({ name: "greet_user", arguments: args });
    expect(result).toMatchObject({
      description: "Generate a greeting prompt",
      messages: [{ role: "user", content: { type: "text", text } }],
    });
  });

  it("refuses an unknown style and completes the known ones", async () => {
    await using client = await connect(mcp, { era });
    await expect(
      client.getPrompt({ name: "greet_user", arguments: { name: "Ada", style: "rude" } }),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining("style: Invalid option") });
    const { completion } = await client.complete({
      ref: { type: "ref/prompt", name: "greet_user" },
      argument: { name: "style", value: "f" },
    });
    expect(completion.values).toEqual(["friendly", "formal"]);
  });
});
