import { describe, expect, it } from "vitest";
import { McpServer } from "mcpkit";
import { connect } from "mcpkit/testing";

/* client.listen(): change notifications as an async iterable, the same in both eras. */

describe.each(["modern", "legacy"] as const)("client.listen (%s)", (era) => {
  it("yields what was asked for (and only that), and stops the subscription when the loop ends", async () => {
    const mcp = new McpServer({ name: "listen", version: "1" });
    mcp.resource("config://a", () => "a");
    const client = await connect(mcp, { era });
    const changes = client.listen({ toolsListChanged: true, resourceSubscriptions: ["config://a"] });
    const iterator = changes[Symbol.asyncIterator]();
    await changes.ready;

    mcp.prompt("not_asked_for", () => "x");
    mcp.tool("added", () => "x");
    const first = await iterator.next();
    expect(first.value?.method).toBe("notifications/tools/list_changed");

    await mcp.notifyResourceUpdated("config://other");
    await mcp.notifyResourceUpdated("config://a");
    const second = await iterator.next();
    expect(second.value).toMatchObject({
      method: "notifications/resources/updated",
      params: { uri: "config://a" },
    });

    await iterator.return?.();
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    await client.close();
  });

  it("ends (done) when the server shuts the subscription down", async () => {
    const mcp = new McpServer({ name: "listen", version: "1" });
    const client = await connect(mcp, { era });
    const seen: string[] = [];
    const changes = client.listen({ toolsListChanged: true });
    const loop = (async () => {
      for await (const change of changes) seen.push(change.method);
    })();
    await changes.ready;
    mcp.tool("one", () => "x");
    await expect.poll(() => seen).toEqual(["notifications/tools/list_changed"]);
    await mcp.close();
    if (era === "legacy") await client.close(); // legacy: the stream lives as long as the connection
    await loop;
  });
});
