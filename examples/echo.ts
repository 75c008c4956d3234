/**
 * The Echo server: one resource template, one tool and one prompt that echo their input.
 *
 * Run: npx tsx examples/echo.ts   (serves stdio until stdin closes)
 */
import { pathToFileURL } from "node:url";
import { McpServer } from "mcpkit";
import { z } from "zod";

export const mcp = new McpServer({ name: "Echo", version: "1.0.0" });

mcp.resource(
  "echo://{message}",
  { description: "Echo a message as a resource" },
  ({ message }) => `Resource echo: ${message}`,
);

mcp.tool(
  "echo_tool",
  { description: "Echo a message as a tool", input: z.object({ message: z.string() }) },
  ({ message }) => `Tool echo: ${message}`,
);

mcp.prompt(
  "echo_prompt",
  { description: "Create an echo prompt", args: z.object({ message: z.string() }) },
  ({ message }) => `Please process this message: ${message}`,
);

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await mcp.run();
