// The cold-start server on mcpkit with no schema library: a plain JSON Schema input, which
// mcpkit validates itself. Same tool and answers as servers/mcpkit/stdio.ts.
import { McpServer } from "mcpkit";
import { ECHO_JSON_SCHEMA } from "../json-schemas.js";

const mcp = new McpServer({ name: "bench-mcpkit", version: "1.0.0" });
mcp.tool("echo", { description: "Echoes its text", input: ECHO_JSON_SCHEMA }, ({ text }) => String(text));
await mcp.run();
