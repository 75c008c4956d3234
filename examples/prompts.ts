/**
 * Prompts: reusable message templates the user picks in the client. A string is one user
 * message; `user()` and `assistant()` build a conversation.
 *
 * Run: npx tsx examples/prompts.ts
 */
import { pathToFileURL } from "node:url";
import { McpServer, assistant, user } from "mcpkit";
import { z } from "zod";

export const mcp = new McpServer({ name: "My App", version: "1.0.0" });

mcp.prompt(
  "review_code",
  { description: "Review a piece of code", args: z.object({ code: z.string() }) },
  ({ code }) => `Please review this code:\n\n${code}`,
);

mcp.prompt(
  "debug_error",
  { description: "Start debugging an error", args: z.object({ error: z.string() }) },
  ({ error }) => [
    user("I'm seeing this error:"),
    user(error),
    assistant("I'll help debug that. What have you tried so far?"),
  ],
);

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await mcp.run();
