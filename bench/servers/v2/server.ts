import { McpServer } from "@modelcontextprotocol/server";
import type { CallToolResult } from "@modelcontextprotocol/server";
import { reportToBench } from "../report.js";
import { blobInput, echoInput, manyInputs } from "../schemas.js";
import { blobText, extraToolCount, manyDescription, manyName } from "../tools.js";

const text = (value: string): CallToolResult => ({ content: [{ type: "text", text: value }] });

/** The bench server on the official SDK 2.4.0, as its docs show (registerTool with z.object). */
export function createBenchServer(): McpServer {
  const server = new McpServer({ name: "bench-v2", version: "1.0.0" });
  server.registerTool("echo", { description: "Echoes its text", inputSchema: echoInput }, ({ text: value }) =>
    text(value),
  );
  server.registerTool(
    "blob",
    { description: "Returns that many bytes of text", inputSchema: blobInput },
    ({ bytes }) => text(blobText(bytes)),
  );
  registerMany(server);
  return server;
}

function registerMany(server: McpServer): void {
  const count = extraToolCount();
  if (count === 0) return;
  const inputs = manyInputs(count);
  const started = performance.now();
  for (const [index, inputSchema] of inputs.entries()) {
    server.registerTool(
      manyName(index),
      { description: manyDescription(index), inputSchema },
      ({ text: value }) => text(value),
    );
  }
  reportToBench({ registerMs: performance.now() - started });
}
