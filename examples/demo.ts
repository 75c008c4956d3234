/**
 * The main demo: starts examples/lowlevel-server.ts as a child process and drives it over stdio
 * with the mcpkit client, once in each protocol era, printing every step. No external service.
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
    args: ["--import", "tsx", "examples/lowlevel-server.ts"],
    cwd: root,
  });
  const client = new Client({ name: "mcpkit-demo", version: "0.1.0" }, { mode });
  await client.connect(transport);
  console.log(`connected to ${client.serverInfo?.name} ${client.serverInfo?.version} (pid ${transport.pid})`);
  console.log(`era: ${client.era}, protocol version: ${client.protocolVersion}`);
  console.log(`server capabilities: ${JSON.stringify(client.serverCapabilities)}`);

  const { prompts } = await client.listPrompts();
  for (const prompt of prompts) console.log(`prompt: ${prompt.name} - ${prompt.description}`);

  const result = await client.getPrompt({ name: "example-prompt", arguments: { arg1: "from the demo" } });
  if ("messages" in result) {
    for (const message of result.messages) {
      const text = message.content.type === "text" ? message.content.text : `[${message.content.type}]`;
      console.log(`${message.role}: ${text}`);
    }
  }

  const failure = await client.getPrompt({ name: "missing" }).catch((error: unknown) => error);
  console.log(`asking for an unknown prompt fails as expected: ${String(failure)}`);

  await client.close();
  const pid = transport.pid;
  if (pid !== undefined && isAlive(pid))
    throw new Error(`server process ${pid} is still running after close()`);
  console.log("closed; the server process has exited");
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
