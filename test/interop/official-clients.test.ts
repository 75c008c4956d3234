import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as StdioV1 } from "@modelcontextprotocol/sdk/client/stdio.js";
import { Client as ClientV2 } from "@modelcontextprotocol/client";
import { StdioClientTransport as StdioV2 } from "@modelcontextprotocol/client/stdio";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT, tsxCommand } from "../helpers/spawn.js";

/* The official clients drive examples/lowlevel-server.ts over stdio, one per era. */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const expectedPrompt = {
  description: "Example prompt",
  messages: [{ role: "user", content: { type: "text", text: "Example prompt text with argument: hello" } }],
};

describe("examples/lowlevel-server.ts with official clients", () => {
  it("serves the official 1.32.2 client (initialize, prompts/list, prompts/get), started with npx tsx", async () => {
    const client = new ClientV1({ name: "official-v1-client", version: "1.0.0" });
    const transport = new StdioV1({
      command: "npx",
      args: ["tsx", "examples/lowlevel-server.ts"],
      cwd: ROOT,
    });
    closers.push(() => client.close());
    await client.connect(transport);
    expect(client.getServerVersion()).toEqual({ name: "example-server", version: "0.1.0" });
    expect(client.getServerCapabilities()).toEqual({ prompts: {} });
    const { prompts } = await client.listPrompts();
    expect(prompts).toEqual([
      {
        name: "example-prompt",
        description: "An example prompt template",
        arguments: [{ name: "arg1", description: "Example argument", required: true }],
      },
    ]);
    expect(await client.getPrompt({ name: "example-prompt", arguments: { arg1: "hello" } })).toEqual(
      expectedPrompt,
    );
    await expect(client.getPrompt({ name: "nope" })).rejects.toThrow(/Unknown prompt: nope/);
  });

  it("serves the official 2.4.0 client pinned to 2026-07-28, with no initialize", async () => {
    const client = new ClientV2(
      { name: "official-v2-client", version: "2.4.0" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } } },
    );
    const { command, args, cwd } = tsxCommand("examples/lowlevel-server.ts");
    const transport = new StdioV2({ command, args, cwd });
    closers.push(() => client.close());
    await client.connect(transport);
    expect(client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
    expect(client.getServerVersion()).toMatchObject({ name: "example-server", version: "0.1.0" });
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(["example-prompt"]);
    const prompt = await client.getPrompt({ name: "example-prompt", arguments: { arg1: "hello" } });
    expect(prompt.messages).toEqual(expectedPrompt.messages);
  });
});
