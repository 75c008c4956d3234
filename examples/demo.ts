/**
 * The main demo: the quickstart server driven by the mcpkit client in both protocol eras, first
 * over stdio (the server as a child process), then over Streamable HTTP on 127.0.0.1 (served in
 * this process, with the in-memory stores). Prints every step. No external service.
 *
 * Run: npm run demo
 */
import { fileURLToPath } from "node:url";
import { Client } from "mcpkit";
import type { EraMode } from "mcpkit";
import { createMcpHandler, createStreamableHttpClientTransport } from "mcpkit/http";
import { serve } from "mcpkit/node";
import { createStdioClientTransport } from "mcpkit/stdio";
import { mcp } from "./quickstart.js";

const root = fileURLToPath(new URL("../", import.meta.url));

async function driveStdio(mode: EraMode): Promise<void> {
  console.log(`\n== stdio, mcpkit client mode "${mode}" ==`);
  const transport = createStdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", "examples/quickstart.ts"],
    cwd: root,
  });
  const client = new Client({ name: "mcpkit-demo", version: "0.1.0" }, { mode });
  await client.connect(transport);
  console.log(`connected to ${client.serverInfo?.name} ${client.serverInfo?.version} (pid ${transport.pid})`);
  await exercise(client);
  await client.close();
  const pid = transport.pid;
  if (pid !== undefined && isAlive(pid))
    throw new Error(`server process ${pid} is still running after close()`);
  console.log("closed; the server process has exited");
}

async function driveHttp(mode: EraMode, url: URL): Promise<void> {
  console.log(`\n== Streamable HTTP ${url.href}, mcpkit client mode "${mode}" ==`);
  const transport = createStreamableHttpClientTransport(url);
  const client = new Client({ name: "mcpkit-demo", version: "0.1.0" }, { mode });
  await client.connect(transport);
  const session = transport.sessionId === undefined ? "no session (stateless)" : "a session";
  console.log(
    `connected to ${client.serverInfo?.name} ${client.serverInfo?.version} over HTTP with ${session}`,
  );
  await exercise(client);
  await client.close();
  console.log("closed the HTTP client");
}

/** The same conversation in every era and on every transport. */
async function exercise(client: Client): Promise<void> {
  console.log(`era: ${client.era}, protocol version: ${client.protocolVersion}`);

  const { tools } = await client.listTools();
  for (const tool of tools) console.log(`tool: ${tool.name} - ${tool.description}`);
  const { resourceTemplates } = await client.listResourceTemplates();
  for (const template of resourceTemplates) console.log(`resource template: ${template.uriTemplate}`);
  const { prompts } = await client.listPrompts();
  for (const prompt of prompts) {
    const args = (prompt.arguments ?? []).map((arg) => (arg.required ? arg.name : `${arg.name}?`));
    console.log(`prompt: ${prompt.name}(${args.join(", ")}) - ${prompt.description}`);
  }

  const sum = await client.callTool({ name: "add", arguments: { a: 2, b: 3 } });
  console.log(
    `add(2, 3) -> ${textOf(sum.content)} (structuredContent ${JSON.stringify(sum.structuredContent)})`,
  );

  const { contents } = await client.readResource({ uri: "greeting://World" });
  for (const item of contents) console.log(`greeting://World -> ${"text" in item ? item.text : "[binary]"}`);

  const prompt = await client.getPrompt({ name: "greet_user", arguments: { name: "Ada", style: "formal" } });
  for (const message of prompt.messages) {
    const text = message.content.type === "text" ? message.content.text : `[${message.content.type}]`;
    console.log(`greet_user(Ada, formal) -> ${message.role}: ${text}`);
  }

  const failure = await client.callTool({ name: "add", arguments: { a: "two", b: 3 } });
  console.log(`add("two", 3) -> isError: ${failure.isError}, ${textOf(failure.content)}`);
}

function textOf(content: readonly { type: string; text?: string }[]): string {
  return content.map((block) => block.text ?? `[${block.type}]`).join(" ");
}

/** Signal 0 checks that a process exists without touching it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

await driveStdio("auto");
await driveStdio("legacy");

const server = await serve(createMcpHandler(mcp), { path: "/mcp" });
try {
  await driveHttp("auto", server.url);
  await driveHttp("legacy", server.url);
} finally {
  await server.close();
  await mcp.close();
}
