import { assistant, embeddedResource, image, resourceLink, user } from "mcpkit";
import { connect } from "mcpkit/testing";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ERAS, PNG, base64, createServer, expectMcpError, payload } from "./helpers.js";

const REVIEW_ARGS = z.object({
  code: z.string().describe("The code to review"),
  language: z.enum(["typescript", "python"]).optional(),
  focus: z.string().optional().describe("What to look at first"),
});

describe.each(ERAS)("McpServer prompts (%s)", (era) => {
  it("lists arguments (name, description, required) from a zod object schema", async () => {
    const { server } = createServer();
    server.prompt(
      "review_code",
      {
        title: "Code review",
        description: "Review a piece of code",
        args: REVIEW_ARGS,
        icons: [{ src: "https://example.com/review.png", mimeType: "image/png" }],
      },
      ({ code }) => `Review:\n${code}`,
    );
    server.prompt("hello", () => "Hello!");
    await using client = await connect(server, { era });

    expect(payload(era, await client.listPrompts())).toEqual({
      prompts: [
        {
          name: "review_code",
          title: "Code review",
          description: "Review a piece of code",
          arguments: [
            { name: "code", description: "The code to review", required: true },
            { name: "language", required: false },
            { name: "focus", description: "What to look at first", required: false },
          ],
          icons: [{ src: "https://example.com/review.png", mimeType: "image/png" }],
        },
        { name: "hello" },
      ],
    });
  });

  it("turns a string into one user message and passes typed arguments", async () => {
    const { server } = createServer();
    const handler = vi.fn(({ code, language }: z.infer<typeof REVIEW_ARGS>) => {
      return `Please review this ${language ?? "code"}:\n\n${code}`;
    });
    server.prompt("review_code", { description: "Review code", args: REVIEW_ARGS }, handler);
    await using client = await connect(server, { era });

    const result = await client.getPrompt({
      name: "review_code",
      arguments: { code: "let x = 1", language: "typescript" },
    });
    expect(payload(era, result)).toEqual({
      description: "Review code",
      messages: [
        { role: "user", content: { type: "text", text: "Please review this typescript:\n\nlet x = 1" } },
      ],
    });
    expect(handler).toHaveBeenCalledWith({ code: "let x = 1", language: "typescript" }, expect.anything());
  });

  it("returns several messages from user() and assistant()", async () => {
    const { server } = createServer();
    server.prompt("debug", { args: z.object({ error: z.string() }) }, ({ error }) => [
      user(`I see this error: ${error}`),
      assistant("Which line does it point to?"),
      user("Line 3"),
    ]);
    await using client = await connect(server, { era });

    const result = await client.getPrompt({ name: "debug", arguments: { error: "TypeError" } });
    expect(payload(era, result)).toEqual({
      messages: [
        { role: "user", content: { type: "text", text: "I see this error: TypeError" } },
        { role: "assistant", content: { type: "text", text: "Which line does it point to?" } },
        { role: "user", content: { type: "text", text: "Line 3" } },
      ],
    });
  });

  it("sends images, embedded resources and resource links as message content", async () => {
    const { server } = createServer();
    server.prompt("describe_chart", () => [
      user(image(PNG)),
      user(embeddedResource({ uri: "data://sales.csv", mimeType: "text/csv", text: "month,total\nJan,3\n" })),
      assistant(resourceLink({ uri: "data://sales.csv", name: "sales.csv" })),
      "What does the chart show?",
    ]);
    await using client = await connect(server, { era });

    expect(payload(era, await client.getPrompt({ name: "describe_chart" }))).toEqual({
      messages: [
        { role: "user", content: { type: "image", data: base64(PNG), mimeType: "image/png" } },
        {
          role: "user",
          content: {
            type: "resource",
            resource: { uri: "data://sales.csv", mimeType: "text/csv", text: "month,total\nJan,3\n" },
          },
        },
        { role: "assistant", content: { type: "resource_link", uri: "data://sales.csv", name: "sales.csv" } },
        { role: "user", content: { type: "text", text: "What does the chart show?" } },
      ],
    });
  });

  it("passes a returned GetPromptResult through as is", async () => {
    const { server } = createServer();
    const result = {
      description: "Made by hand",
      messages: [{ role: "assistant" as const, content: { type: "text" as const, text: "Ready." } }],
    };
    server.prompt("manual", { description: "Registered description" }, () => result);
    await using client = await connect(server, { era });

    expect(payload(era, await client.getPrompt({ name: "manual" }))).toEqual(result);
  });

  it("rejects missing or invalid arguments with -32602 before the handler runs", async () => {
    const { server } = createServer();
    const handler = vi.fn(() => "never");
    server.prompt("review_code", { args: REVIEW_ARGS }, handler);
    await using client = await connect(server, { era });

    await expectMcpError(
      client.getPrompt({ name: "review_code" }),
      -32602,
      /^Invalid arguments for prompt "review_code": code: /,
    );
    await expectMcpError(
      client.getPrompt({ name: "review_code", arguments: { code: "x", language: "cobol" } }),
      -32602,
      /^Invalid arguments for prompt "review_code": language: /,
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it("rejects an unknown or disabled prompt with -32602", async () => {
    const { server } = createServer();
    const hidden = server.prompt("hidden", () => "hidden");
    hidden.disable();
    await using client = await connect(server, { era });

    await expectMcpError(client.getPrompt({ name: "nope" }), -32602, "Unknown prompt: nope");
    await expectMcpError(client.getPrompt({ name: "hidden" }), -32602, "Unknown prompt: hidden");
    expect(payload(era, await client.listPrompts())).toEqual({ prompts: [] });
  });
});
