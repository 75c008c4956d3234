import { describe, expect, it } from "vitest";
import { McpServer } from "mcpkit";
import { connect } from "mcpkit/testing";
import { createRawPeer } from "../helpers/raw-client.js";
import { Client } from "../../src/client/index.js";

/* Async-iterable pagination: every item once, pages fetched only as the loop needs them. */

describe.each(["modern", "legacy"] as const)("iterating lists (%s)", (era) => {
  it("walks every page of tools, prompts, resources and templates in order", async () => {
    const mcp = new McpServer({ name: "pages", version: "1" }, { pageSize: 2 });
    for (let i = 0; i < 5; i++) {
      mcp.tool(`tool_${i}`, () => "x");
      mcp.prompt(`prompt_${i}`, () => "x");
      mcp.resource(`config://item/${i}`, () => "x");
      mcp.resource(`tpl${i}://{id}`, ({ id }) => id);
    }
    const client = await connect(mcp, { era });
    const names = async <T>(items: AsyncIterable<T>, pick: (item: T) => string) => {
      const all: string[] = [];
      for await (const item of items) all.push(pick(item));
      return all;
    };
    expect(await names(client.iterateTools(), (tool) => tool.name)).toEqual([
      "tool_0",
      "tool_1",
      "tool_2",
      "tool_3",
      "tool_4",
    ]);
    expect(await names(client.iteratePrompts(), (prompt) => prompt.name)).toHaveLength(5);
    expect(await names(client.iterateResources(), (resource) => resource.uri)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `config://item/${i}`),
    );
    expect(await names(client.iterateResourceTemplates(), (template) => template.uriTemplate)).toHaveLength(
      5,
    );
  });

  it("asks for the next page only when the loop wants more", async () => {
    const mcp = new McpServer({ name: "lazy", version: "1" }, { pageSize: 2 });
    for (let i = 0; i < 6; i++) mcp.tool(`tool_${i}`, () => "x");
    let lists = 0;
    mcp.use("tools/list", (_call, next) => (lists++, next()));
    const client = await connect(mcp, { era });
    for await (const tool of client.iterateTools()) if (tool.name === "tool_1") break;
    expect(lists).toBe(1);
  });
});

it("stops with an error when a server repeats a cursor", async () => {
  const { peer, transport } = await createRawPeer();
  const client = new Client({ name: "c", version: "1" }, { mode: "legacy" });
  const connecting = client.connect(transport);
  await peer.waitFor(1);
  await peer.send({
    jsonrpc: "2.0",
    id: 0,
    result: {
      protocolVersion: "2025-11-25",
      capabilities: { tools: {} },
      serverInfo: { name: "loop", version: "1" },
    },
  });
  await connecting;
  const answering = (async () => {
    for (let n = 0; n < 2; n++) {
      await peer.waitFor(2 + n + 1);
      const request = peer.received.at(-1) as { id: number };
      await peer.send({
        jsonrpc: "2.0",
        id: request.id,
        result: { tools: [{ name: `t${n}`, inputSchema: { type: "object" } }], nextCursor: "same" },
      });
    }
  })();
  const seen: string[] = [];
  await expect(
    (async () => {
      for await (const tool of client.iterateTools()) seen.push(tool.name);
    })(),
  ).rejects.toMatchObject({ code: "protocol", message: expect.stringContaining("repeated the cursor") });
  expect(seen).toEqual(["t0", "t1"]);
  await answering.catch(() => undefined);
});
