/**
 * The quickstart: a "Demo" server with a tool, a resource template and a prompt, served over
 * stdio in both protocol eras.
 *
 * Run: npx tsx examples/quickstart.ts
 */
import { pathToFileURL } from "node:url";
import { McpServer } from "mcpkit";
import { z } from "zod";

export const mcp = new McpServer({ name: "Demo", version: "1.0.0" });

// An output schema makes the sum structured (`{ result: 3 }`) as well as text ("3").
mcp.tool(
  "add",
  {
    description: "Add two numbers",
    input: z.object({ a: z.number().int(), b: z.number().int() }),
    output: z.number().int(),
  },
  ({ a, b }) => a + b,
);

// `{name}` makes this a template: greeting://World, greeting://Ada, ...
mcp.resource(
  "greeting://{name}",
  { description: "Get a personalized greeting" },
  ({ name }) => `Hello, ${name}!`,
);

const styles = {
  friendly: "Please write a warm, friendly greeting",
  formal: "Please write a formal, professional greeting",
  casual: "Please write a casual, relaxed greeting",
} as const;

// Prompt arguments travel as strings; an enum also gives clients completions for `style`.
mcp.prompt(
  "greet_user",
  {
    description: "Generate a greeting prompt",
    args: z.object({ name: z.string(), style: z.enum(["friendly", "formal", "casual"]).default("friendly") }),
  },
  ({ name, style }) => `${styles[style]} for someone named ${name}.`,
);

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await mcp.run();
