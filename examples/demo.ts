/**
 * The main demo: starts examples/quickstart.ts as a child process and drives it over stdio with
 * the mcpkit client, once in each protocol era, printing every step. No external service.
 *
 * Run: npm run demo
 */
import { fileURLToPath } from "node:url";
import { Client } from "mcpkit";
import type { EraMode } from "mcpkit";
import { createStdioClientTransport } from "mcpkit/stdio";

const root = fileURLToPath(new URL("../", import.meta.url));

async function drive(mode: EraMode): Promise<void> {
  console.log(`\n== mcpkit client, mode "${mode}" ==`);
  const transport = createStdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", "examples/quickstart.ts"],
    cwd: root,
  });
  const client = new Client({ name: "mcpkit-demo", version: "0.1.0" }, { mode });
  await client.connect(transport);
  console.log(`connected to ${client.serverInfo?.name} ${client.serverInfo?.version} (pid ${transport.pid})`);
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

  await client.close();
  const pid = transport.pid;
  if (pid !== undefined && isAlive(pid))
    throw new Error(`server process ${pid} is still running after close()`);
  console.log("closed; the server process has exited");
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

await drive("auto");
await drive("legacy");
