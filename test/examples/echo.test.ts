import { Client as OfficialClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as OfficialStdioTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { Client } from "mcpkit";
import type { EraMode } from "mcpkit";
import { createStdioClientTransport } from "mcpkit/stdio";
import { connect } from "mcpkit/testing";
import { describe, expect, it } from "vitest";
import { mcp } from "../../examples/echo.js";
import { ROOT, tsxCommand } from "../helpers/spawn.js";

/** What every client, in every era, must get from the Echo server. */
async function expectEchoes(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => [tool.name, tool.description])).toEqual([
    ["echo_tool", "Echo a message as a tool"],
  ]);
  const tool = await client.callTool({ name: "echo_tool", arguments: { message: "hi there" } });
  expect(tool.content).toEqual([{ type: "text", text: "Tool echo: hi there" }]);

  const { resourceTemplates } = await client.listResourceTemplates();
  expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual(["echo://{message}"]);
  // Template variables arrive decoded: "hello%20world" is "hello world".
  const resource = await client.readResource({ uri: "echo://hello%20world" });
  expect(resource.contents).toEqual([
    { uri: "echo://hello%20world", mimeType: "text/plain", text: "Resource echo: hello world" },
  ]);

  const prompt = await client.getPrompt({ name: "echo_prompt", arguments: { message: "ping" } });
  expect(prompt.messages).toEqual([
    { role: "user", content: { type: "text", text: "Please process this message: ping" } },
  ]);
}

describe.each(["modern", "legacy"] as const)("examples/echo.ts in memory (%s)", (era) => {
  it("echoes through its tool, resource and prompt", async () => {
    await using client = await connect(mcp, { era });
    expect(client.serverInfo).toEqual({ name: "Echo", version: "1.0.0" });
    await expectEchoes(client);
  });

  it("refuses a call without a message", async () => {
    await using client = await connect(mcp, { era });
    const result = await client.callTool({ name: "echo_tool", arguments: {} });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: "text", text: expect.stringContaining("message") }],
    });
    await expect(client.getPrompt({ name: "echo_prompt" })).rejects.toMatchObject({ code: -32602 });
  });
});

describe("examples/echo.ts over stdio (npx tsx examples/echo.ts)", () => {
  it.each([
    ["auto", "modern", "2026-07-28"],
    ["legacy", "legacy", "2025-11-25"],
  ] as const)("serves the mcpkit client in %s mode", async (mode: EraMode, era, version) => {
    const transport = createStdioClientTransport(tsxCommand("examples/echo.ts"));
    const client = new Client({ name: "echo-test", version: "1.0.0" }, { mode });
    await client.connect(transport);
    try {
      expect([client.era, client.protocolVersion]).toEqual([era, version]);
      expect(client.serverInfo).toEqual({ name: "Echo", version: "1.0.0" });
      await expectEchoes(client);
    } finally {
      await client.close();
    }
    expect(isAlive(transport.pid!)).toBe(false);
  });

  it("serves the official @modelcontextprotocol/sdk 1.32.2 client", async () => {
    // Started exactly as the README says: npx tsx examples/echo.ts
    const client = new OfficialClient({ name: "official-v1-client", version: "1.0.0" });
    await client.connect(
      new OfficialStdioTransport({ command: "npx", args: ["tsx", "examples/echo.ts"], cwd: ROOT }),
    );
    try {
      expect(client.getServerVersion()).toEqual({ name: "Echo", version: "1.0.0" });
      const tool = await client.callTool({ name: "echo_tool", arguments: { message: "hi" } });
      expect(tool.content).toEqual([{ type: "text", text: "Tool echo: hi" }]);
      const resource = await client.readResource({ uri: "echo://hi" });
      expect(resource.contents).toEqual([
        { uri: "echo://hi", mimeType: "text/plain", text: "Resource echo: hi" },
      ]);
      const prompt = await client.getPrompt({ name: "echo_prompt", arguments: { message: "hi" } });
      expect(prompt.messages).toEqual([
        { role: "user", content: { type: "text", text: "Please process this message: hi" } },
      ]);
    } finally {
      await client.close();
    }
  });
});

/** Signal 0 checks that a process exists without touching it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
