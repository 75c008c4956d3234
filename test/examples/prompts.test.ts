import { connect } from "mcpkit/testing";
import { describe, expect, it } from "vitest";
import { mcp } from "../../examples/prompts.js";

describe.each(["modern", "legacy"] as const)("examples/prompts.ts (%s)", (era) => {
  it("lists both prompts with their required argument", async () => {
    await using client = await connect(mcp, { era });
    const { prompts } = await client.listPrompts();
    expect(prompts).toEqual([
      {
        name: "review_code",
        description: "Review a piece of code",
        arguments: [{ name: "code", required: true }],
      },
      {
        name: "debug_error",
        description: "Start debugging an error",
        arguments: [{ name: "error", required: true }],
      },
    ]);
  });

  it("review_code is one user message", async () => {
    await using client = await connect(mcp, { era });
    const result = await client.getPrompt({ name: "review_code", arguments: { code: "let x = 1" } });
    expect(result.messages).toEqual([
      { role: "user", content: { type: "text", text: "Please review this code:\n\nlet x = 1" } },
    ]);
  });

  it("debug_error is a conversation: two user messages, then the assistant", async () => {
    await using client = await connect(mcp, { era });
    const error = "TypeError: x is undefined";
    const result = await client.getPrompt({ name: "debug_error", arguments: { error } });
    expect(result.messages).toEqual([
      { role: "user", content: { type: "text", text: "I'm seeing this error:" } },
      { role: "user", content: { type: "text", text: error } },
      {
        role: "assistant",
        content: { type: "text", text: "I'll help debug that. What have you tried so far?" },
      },
    ]);
  });

  it("refuses a missing argument", async () => {
    await using client = await connect(mcp, { era });
    await expect(client.getPrompt({ name: "debug_error", arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('Invalid arguments for prompt "debug_error": error'),
    });
  });
});
