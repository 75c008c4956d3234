import { afterEach, describe, expect, it } from "vitest";
import { Client } from "mcpkit";
import { createStdioClientTransport } from "mcpkit/stdio";
import { tsxCommand } from "../helpers/spawn.js";

/* The mcpkit client over stdio against servers built with the official SDK (legacy era only). */

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function newClient(): Client {
  const client = new Client({ name: "mcpkit-interop", version: "0.0.0" });
  clients.push(client);
  return client;
}

describe("mcpkit Client with official servers", () => {
  it("falls back to initialize with an official 1.32.2 server and uses every feature it serves", async () => {
    const client = newClient();
    await client.connect(
      createStdioClientTransport(tsxCommand("test/fixtures/servers/official-v1-server.ts")),
    );
    expect(client.era).toBe("legacy");
    expect(client.protocolVersion).toBe("2025-11-25");
    expect(client.serverInfo).toEqual({ name: "official-v1", version: "1.32.2" });

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["add"]);
    expect(await client.callTool({ name: "add", arguments: { a: 2, b: 40 } })).toMatchObject({
      content: [{ type: "text", text: "42" }],
    });
    expect(await client.getPrompt({ name: "greet", arguments: { name: "Ada" } })).toMatchObject({
      messages: [{ role: "user", content: { type: "text", text: "Hello, Ada!" } }],
    });
    expect(await client.readResource({ uri: "file:///readme.txt" })).toMatchObject({
      contents: [{ uri: "file:///readme.txt", text: "Read me." }],
    });
    await client.ping();
  });
});
