import { connect } from "mcpkit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { dbEvents, mcp } from "../../examples/lifespan.js";

afterEach(async () => {
  await mcp.close();
  dbEvents.length = 0;
});

describe.each(["modern", "legacy"] as const)("examples/lifespan.ts (%s)", (era) => {
  it("connects the database once at start-up and shares it between clients", async () => {
    expect(dbEvents).toEqual([]);
    await using first = await connect(mcp, { era });
    await using second = await connect(mcp, { era });
    expect(dbEvents).toEqual(["connect"]);

    for (const client of [first, second]) {
      const result = await client.callTool({ name: "query_db" });
      expect(result.content).toEqual([{ type: "text", text: "Query result" }]);
    }
    expect(dbEvents).toEqual(["connect", "query", "query"]);
  });

  it("disconnects on close(), not when a client leaves", async () => {
    const client = await connect(mcp, { era });
    await client.callTool({ name: "query_db" });
    await client.close();
    expect(dbEvents).toEqual(["connect", "query"]);

    await mcp.close();
    expect(dbEvents).toEqual(["connect", "query", "disconnect"]);
  });

  it("starts again after a close, with a fresh connection", async () => {
    await (await connect(mcp, { era })).close();
    await mcp.close();
    await using client = await connect(mcp, { era });
    await client.callTool({ name: "query_db" });
    expect(dbEvents).toEqual(["connect", "disconnect", "connect", "query"]);
  });
});
