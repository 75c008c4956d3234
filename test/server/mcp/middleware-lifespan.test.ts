import { describe, expect, it } from "vitest";
import { McpError, McpServer } from "mcpkit";
import { connect } from "mcpkit/testing";

describe.each(["modern", "legacy"] as const)("middleware (%s)", (era) => {
  it("filters a list after the handler (a visibility filter)", async () => {
    const mcp = new McpServer({ name: "mw", version: "1" });
    mcp.tool("public_tool", () => "ok");
    mcp.tool("admin_reset", () => "reset");
    mcp.use("tools/list", async (_call, next) => {
      const result = await next();
      return { ...result, tools: result.tools.filter((tool) => !tool.name.startsWith("admin_")) };
    });
    const client = await connect(mcp, { era });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(["public_tool"]);
  });

  it("audits every call in order, and may short-circuit or change params", async () => {
    const mcp = new McpServer({ name: "mw", version: "1" });
    mcp.tool("echo", (_args, ctx) => JSON.stringify(ctx.meta?.audited ?? null));
    const audit: string[] = [];
    mcp.use(async (call, next) => {
      audit.push(`before ${call.method}`);
      const result = await next();
      audit.push(`after ${call.method}`);
      return result;
    });
    mcp.use("tools/call", async (call, next) => {
      if (call.params.name === "forbidden") throw new McpError(-32602, "Not allowed");
      return next({ ...call.params, _meta: { ...call.params._meta, audited: true } });
    });
    const client = await connect(mcp, { era });
    audit.length = 0;
    expect(await client.callTool({ name: "echo", arguments: {} })).toMatchObject({
      content: [{ text: "true" }],
    });
    expect(audit).toEqual(["before tools/call", "after tools/call"]);
    await expect(client.callTool({ name: "forbidden", arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: "Not allowed",
    });
  });
});

describe("lifespan", () => {
  it("starts once before serving, is visible to handlers, and is cleaned up on close", async () => {
    const events: string[] = [];
    const mcp = new McpServer(
      { name: "life", version: "1" },
      {
        lifespan: async function* () {
          events.push("start");
          try {
            yield { db: "connected-db" };
          } finally {
            events.push("stop");
          }
        },
      },
    );
    mcp.tool("which_db", (_args, ctx) => ctx.lifespan.db);
    const first = await connect(mcp, { era: "modern" });
    const second = await connect(mcp, { era: "legacy" });
    expect(await first.callTool({ name: "which_db", arguments: {} })).toMatchObject({
      content: [{ text: "connected-db" }],
    });
    expect(await second.callTool({ name: "which_db", arguments: {} })).toMatchObject({
      content: [{ text: "connected-db" }],
    });
    expect(events).toEqual(["start"]);
    await mcp.close();
    expect(events).toEqual(["start", "stop"]);
  });

  it("accepts a plain async function", async () => {
    const mcp = new McpServer({ name: "life", version: "1" }, { lifespan: async () => ({ answer: 42 }) });
    mcp.tool("answer", (_args, ctx) => ctx.lifespan.answer);
    const client = await connect(mcp);
    expect(await client.callTool({ name: "answer", arguments: {} })).toMatchObject({
      content: [{ text: "42" }],
    });
  });
});
