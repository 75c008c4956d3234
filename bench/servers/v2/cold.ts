// The cold-start server on the official 2.4.0 with no schema library: its fromJsonSchema wraps a
// plain JSON Schema. Same tool and answers as servers/v2/stdio.ts.
import { McpServer, fromJsonSchema } from "@modelcontextprotocol/server";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { ECHO_JSON_SCHEMA } from "../json-schemas.js";

serveStdio(() => {
  const server = new McpServer({ name: "bench-v2", version: "1.0.0" });
  server.registerTool(
    "echo",
    { description: "Echoes its text", inputSchema: fromJsonSchema<{ text: string }>(ECHO_JSON_SCHEMA) },
    ({ text }) => ({ content: [{ type: "text", text }] }),
  );
  return server;
});
