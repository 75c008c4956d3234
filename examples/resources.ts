/**
 * Resources: data the client reads into the model's context, like GET endpoints. A plain URI is
 * a static resource; a URI with `{variables}` is a template, listed in resources/templates/list.
 *
 * Run: npx tsx examples/resources.ts
 */
import { pathToFileURL } from "node:url";
import { McpServer } from "mcpkit";

export const mcp = new McpServer({ name: "My App", version: "1.0.0" });

mcp.resource("config://app", { description: "Static configuration data" }, () => "App configuration here");

// `user_id` is typed from the template: the handler cannot ask for a variable the URI lacks.
mcp.resource(
  "users://{user_id}/profile",
  { description: "Dynamic user data" },
  ({ user_id }) => `Profile data for user ${user_id}`,
);

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await mcp.run();
