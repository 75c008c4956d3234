/**
 * The low-level server: a method table, no registries. It serves one prompt, `example-prompt`,
 * over stdio, in both protocol eras.
 *
 * Run: npx tsx examples/lowlevel-server.ts
 */
import { McpError, ErrorCode, Server } from "mcpkit";
import { createStdioServerTransport } from "mcpkit/stdio";

const server = new Server({ name: "example-server", version: "0.1.0" });

server.handle("prompts/list", () => ({
  prompts: [
    {
      name: "example-prompt",
      description: "An example prompt template",
      arguments: [{ name: "arg1", description: "Example argument", required: true }],
    },
  ],
}));

server.handle("prompts/get", (params) => {
  if (params.name !== "example-prompt") {
    throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${params.name}`);
  }
  const arg1 = params.arguments?.arg1 ?? "default";
  return {
    description: "Example prompt",
    messages: [
      { role: "user", content: { type: "text", text: `Example prompt text with argument: ${arg1}` } },
    ],
  };
});

// Serves until stdin closes; the process then exits on its own.
await server.connect(createStdioServerTransport());
