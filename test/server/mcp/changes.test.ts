import { describe, expect, it } from "vitest";
import { McpServer } from "mcpkit";
import type { Client, JsonObject } from "mcpkit";
import { connect } from "mcpkit/testing";

/* Run-time changes reach clients: list_changed and resource updates, legacy and 2026-07-28 style. */

function record(client: Client, methods: string[]): { method: string; params: JsonObject | undefined }[] {
  const seen: { method: string; params: JsonObject | undefined }[] = [];
  for (const method of methods) client.on(method, (params) => seen.push({ method, params }));
  return seen;
}

const LIST_CHANGED = [
  "notifications/tools/list_changed",
  "notifications/prompts/list_changed",
  "notifications/resources/list_changed",
  "notifications/resources/updated",
  "notifications/subscriptions/acknowledged",
];

describe("legacy clients", () => {
  it("get one list_changed per list per tick of changes, and see the change", async () => {
    const mcp = new McpServer({ name: "changes", version: "1" });
    const first = mcp.tool("first", () => "1");
    const client = await connect(mcp, { era: "legacy" });
    const seen = record(client, LIST_CHANGED);
    mcp.tool("second", () => "2");
    first.disable();
    mcp.prompt("hello", () => "hi");
    await expect.poll(() => seen.length).toBe(2);
    expect(seen.map((n) => n.method).sort()).toEqual([
      "notifications/prompts/list_changed",
      "notifications/tools/list_changed",
    ]);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(["second"]);
    first.enable();
    mcp.resource("config://x", () => "x");
    await expect.poll(() => seen.length).toBe(4);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(["first", "second"]);
  });

  it("get resources/updated only for subscribed URIs, until they unsubscribe", async () => {
    const mcp = new McpServer({ name: "subs", version: "1" });
    mcp.resource("config://a", () => "a");
    const client = await connect(mcp, { era: "legacy" });
    const seen = record(client, ["notifications/resources/updated"]);
    await client.subscribeResource({ uri: "config://a" });
    await mcp.notifyResourceUpdated("config://a");
    await mcp.notifyResourceUpdated("config://other");
    await expect
      .poll(() => seen)
      .toEqual([{ method: "notifications/resources/updated", params: { uri: "config://a" } }]);
    await client.unsubscribeResource({ uri: "config://a" });
    await mcp.notifyResourceUpdated("config://a");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(1);
  });
});

describe("2026-07-28 clients (subscriptions/listen)", () => {
  it("acknowledge first, then deliver only what was asked for, tagged with the subscription id", async () => {
    const mcp = new McpServer({ name: "listen", version: "1" });
    mcp.resource("config://a", () => "a");
    const client = await connect(mcp, { era: "modern" });
    const seen = record(client, LIST_CHANGED);
    const stream = client.request("subscriptions/listen", {
      notifications: { toolsListChanged: true, resourceSubscriptions: ["config://a"] },
    });
    await expect.poll(() => seen.length).toBe(1);
    const ack = seen[0]!;
    expect(ack.method).toBe("notifications/subscriptions/acknowledged");
    const subscriptionId = (ack.params?._meta as JsonObject)["io.modelcontextprotocol/subscriptionId"];
    expect(ack.params?.notifications).toEqual({
      toolsListChanged: true,
      resourceSubscriptions: ["config://a"],
    });

    mcp.tool("added", () => "x");
    mcp.prompt("not-asked-for", () => "x");
    await mcp.notifyResourceUpdated("config://a");
    await mcp.notifyResourceUpdated("config://b");
    await expect.poll(() => seen.length).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const tag = { "io.modelcontextprotocol/subscriptionId": subscriptionId };
    expect(seen.slice(1)).toEqual(
      expect.arrayContaining([
        { method: "notifications/tools/list_changed", params: { _meta: tag } },
        { method: "notifications/resources/updated", params: { uri: "config://a", _meta: tag } },
      ]),
    );
    expect(seen).toHaveLength(3);

    await mcp.close();
    expect(await stream).toMatchObject({ _meta: tag, resultType: "complete" });
  });

  it("stops delivering when the client cancels the stream", async () => {
    const mcp = new McpServer({ name: "listen", version: "1" });
    const client = await connect(mcp, { era: "modern" });
    const seen = record(client, LIST_CHANGED);
    const controller = new AbortController();
    const stream = client.request(
      "subscriptions/listen",
      { notifications: { toolsListChanged: true } },
      { signal: controller.signal },
    );
    await expect.poll(() => seen.length).toBe(1);
    controller.abort();
    await expect(stream).rejects.toMatchObject({ code: "aborted" });
    mcp.tool("later", () => "x");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toHaveLength(1);
  });
});

describe("cache hints (2026-07-28)", () => {
  it("put the configured ttlMs and cacheScope on list and read results, never on legacy ones", async () => {
    const mcp = new McpServer(
      { name: "cache", version: "1" },
      { cache: { "tools/list": { ttlMs: 60_000, cacheScope: "public" } } },
    );
    mcp.tool("t", () => "x");
    mcp.resource("config://a", { cache: { ttlMs: 5_000 } }, () => "a");
    const modern = await connect(mcp, { era: "modern" });
    expect(await modern.listTools()).toMatchObject({ ttlMs: 60_000, cacheScope: "public" });
    expect(await modern.listPrompts()).toMatchObject({ ttlMs: 0, cacheScope: "private" });
    expect(await modern.readResource({ uri: "config://a" })).toMatchObject({
      ttlMs: 5_000,
      cacheScope: "private",
    });
    const legacy = await connect(mcp, { era: "legacy" });
    expect(await legacy.listTools()).not.toHaveProperty("ttlMs");
  });
});
