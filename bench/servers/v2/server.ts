import { McpServer } from "@modelcontextprotocol/server";
import type { CallToolResult } from "@modelcontextprotocol/server";
import { reportToBench } from "../report.js";
import { blobInput, echoInput, manyInputs } from "../schemas.js";
import { blobText, extraToolCount, manyTexts } from "../tools.js";

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
  const { names, descriptions } = manyTexts(count);
  const echo = ({ text: value }: { text: string }): CallToolResult => text(value);
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    server.registerTool(
      names[index]!,
      { description: descriptions[index]!, inputSchema: inputs[index]! },
      echo,
    );
  }
  reportToBench({ registerMs: performance.now() - started });
}
