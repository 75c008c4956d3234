/**
 * The conformance fixture: one McpServer exposing every tool, resource and prompt the official
 * suite looks up by name (0.1.16, and the 2026-07-28 additions of 0.2.0-alpha.12 except the tasks
 * and skills extensions), for clients of both eras. test/conformance/server.ts serves it over HTTP.
 */
import { McpServer } from "mcpkit";
import type { McpServerOptions } from "mcpkit";
import { registerContentTools } from "./fixture/content-tools.js";
import { registerInputRequired } from "./fixture/input-required.js";
import { registerInteractionTools } from "./fixture/interaction-tools.js";
import { registerPrompts, registerResources } from "./fixture/resources-prompts.js";
import { registerStatelessTools } from "./fixture/stateless-tools.js";

/** What a test may change: where unexpected errors go, and the requestState key. */
export type ConformanceServerOptions = Pick<McpServerOptions<undefined>, "onError" | "requestState">;

export const FIXTURE_INFO = { name: "mcpkit-conformance-fixture", version: "1.0.0" };

/**
 * Builds the fixture. McpServer already declares what the scenarios expect: tools, resources
 * (subscribe, listChanged), prompts (listChanged), logging and completions. Lists carry the
 * default 2026-07-28 cache hint (ttlMs 0, private: they change at run time); static resources
 * carry their own.
 *
 * @example
 * await using client = await connect(createConformanceServer(), { era: "legacy" });
 * await client.callTool({ name: "test_simple_text" });
 */
export function createConformanceServer(options: ConformanceServerOptions = {}): McpServer {
  const mcp = new McpServer(FIXTURE_INFO, {
    instructions: "The mcpkit fixture for the official MCP conformance suite.",
    ...options,
  });
  registerContentTools(mcp);
  registerInteractionTools(mcp);
  registerResources(mcp);
  registerPrompts(mcp);
  registerStatelessTools(mcp);
  registerInputRequired(mcp);
  return mcp;
}
