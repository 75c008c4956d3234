import { McpServer } from "mcpkit";
import { reportToBench } from "../report.js";
import { blobInput, echoInput, manyInputs } from "../schemas.js";
import { blobText, extraToolCount, manyTexts } from "../tools.js";

/** The bench server on mcpkit, written as its README shows: handlers return plain values. */
export function createBenchServer(): McpServer {
  const mcp = new McpServer({ name: "bench-mcpkit", version: "1.0.0" });
  mcp.tool("echo", { description: "Echoes its text", input: echoInput }, ({ text }) => text);
  mcp.tool("blob", { description: "Returns that many bytes of text", input: blobInput }, ({ bytes }) =>
    blobText(bytes),
  );
  registerMany(mcp);
  return mcp;
}

function registerMany(mcp: McpServer): void {
  const count = extraToolCount();
  if (count === 0) return;
  const inputs = manyInputs(count);
  const { names, descriptions } = manyTexts(count);
  const echo = ({ text }: { text: string }): string => text;
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    mcp.tool(names[index]!, { description: descriptions[index]!, input: inputs[index]! }, echo);
  }
  reportToBench({ registerMs: performance.now() - started });
}
