import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as StdioV1 } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CreateMessageRequestSchema, ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { Client as ClientV2 } from "@modelcontextprotocol/client";
import { StdioClientTransport as StdioV2 } from "@modelcontextprotocol/client/stdio";
import { afterEach, describe, expect, it } from "vitest";
import { tsxCommand } from "../helpers/spawn.js";

/*
 * One McpServer handler that asks for input, driven by official clients: 1.32.2 gets real
 * elicitation/sampling requests (legacy); 2.4.0 pinned to 2026-07-28 gets input_required rounds.
 */

const server = tsxCommand("test/fixtures/servers/mcp-input-server.ts");
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe("McpServer asking for input, with official clients", () => {
  it("sends real elicitation and sampling requests to the official 1.32.2 client", async () => {
    const client = new ClientV1(
      { name: "official-v1", version: "1.32.2" },
      { capabilities: { elicitation: {}, sampling: {} } },
    );
    const seen: string[] = [];
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      seen.push(`elicit: ${request.params.message}`);
      return { action: "accept", content: { city: "Lisbon" } };
    });
    client.setRequestHandler(CreateMessageRequestSchema, (request) => {
      const first = request.params.messages[0]?.content;
      seen.push(`sample: ${first && "text" in first ? first.text : "?"}`);
      return { role: "assistant", content: { type: "text", text: "ride tram 28" }, model: "test" };
    });
    closers.push(() => client.close());
    await client.connect(new StdioV1(server));
    const result = await client.callTool({ name: "plan_trip", arguments: { days: 3 } });
    expect(result.content).toEqual([{ type: "text", text: "3 days in Lisbon: ride tram 28" }]);
    expect(seen).toEqual(["elicit: Where to?", "sample: One idea for 3 days in Lisbon"]);
  });

  it("answers the official 2.4.0 client pinned to 2026-07-28 with input_required rounds", async () => {
    const client = new ClientV2(
      { name: "official-v2", version: "2.4.0" },
      {
        capabilities: { elicitation: {}, sampling: {} },
        versionNegotiation: { mode: { pin: "2026-07-28" } },
      },
    );
    const seen: string[] = [];
    client.setRequestHandler("elicitation/create", (request) => {
      seen.push(`elicit: ${request.params.message}`);
      return { action: "accept", content: { city: "Porto" } };
    });
    client.setRequestHandler("sampling/createMessage", () => {
      seen.push("sample");
      return { role: "assistant", content: { type: "text", text: "eat a francesinha" }, model: "test" };
    });
    closers.push(() => client.close());
    await client.connect(new StdioV2(server));
    expect(client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
    const result = await client.callTool({ name: "plan_trip", arguments: { days: 2 } });
    expect(result.content).toEqual([{ type: "text", text: "2 days in Porto: eat a francesinha" }]);
    expect(seen).toEqual(["elicit: Where to?", "sample"]);
  });
});
