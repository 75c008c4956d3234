import type { Client, JsonObject } from "mcpkit";
import { connect } from "mcpkit/testing";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ERAS, createServer, expectMcpError, payload } from "./helpers.js";

const LANGUAGES = ["python", "pytorch", "pyre", "rust", "ruby"] as const;

describe.each(ERAS)("McpServer completions (%s)", (era) => {
  it("asks a prompt argument's complete callback with the typed value and the other arguments", async () => {
    const { server } = createServer();
    const frameworks = vi.fn(
      (value: string, context: { readonly arguments: Readonly<Record<string, string>> }) => {
        const all = context.arguments.language === "python" ? ["django", "flask", "fastapi"] : ["express"];
        return all.filter((name) => name.startsWith(value));
      },
    );
    server.prompt(
      "scaffold",
      {
        args: z.object({ language: z.string(), framework: z.string() }),
        complete: { framework: frameworks },
      },
      () => "scaffold",
    );
    await using client = await connect(server, { era });

    const result = await client.complete({
      ref: { type: "ref/prompt", name: "scaffold" },
      argument: { name: "framework", value: "f" },
      context: { arguments: { language: "python" } },
    });
    expect(payload(era, result)).toEqual({
      completion: { values: ["flask", "fastapi"], total: 2, hasMore: false },
    });
    expect(frameworks).toHaveBeenCalledWith("f", { arguments: { language: "python" } });

    const alone = await client.complete({
      ref: { type: "ref/prompt", name: "scaffold" },
      argument: { name: "framework", value: "" },
    });
    expect(payload(era, alone)).toEqual({ completion: { values: ["express"], total: 1, hasMore: false } });
    expect(frameworks).toHaveBeenLastCalledWith("", { arguments: {} });
  });

  it("completes a z.enum argument by prefix, with no callback", async () => {
    const { server } = createServer();
    server.prompt("explain", { args: z.object({ language: z.enum(LANGUAGES) }) }, ({ language }) => language);
    await using client = await connect(server, { era });
    const complete = async (value: string) =>
      payload(
        era,
        await client.complete({
          ref: { type: "ref/prompt", name: "explain" },
          argument: { name: "language", value },
        }),
      );

    expect(await complete("py")).toEqual({
      completion: { values: ["python", "pytorch", "pyre"], total: 3, hasMore: false },
    });
    expect(await complete("ru")).toEqual({
      completion: { values: ["rust", "ruby"], total: 2, hasMore: false },
    });
    expect(await complete("go")).toEqual({ completion: { values: [], total: 0, hasMore: false } });
  });

  it("completes a resource template variable (ref/resource with the template)", async () => {
    const { server } = createServer();
    const cities = vi.fn((value: string) =>
      ["Paris", "Prague", "Porto", "Oslo"].filter((c) => c.startsWith(value)),
    );
    server.resource(
      "weather://{city}/current",
      { complete: { city: cities } },
      ({ city }) => `Sunny in ${city}`,
    );
    await using client = await connect(server, { era });

    const result = await client.complete({
      ref: { type: "ref/resource", uri: "weather://{city}/current" },
      argument: { name: "city", value: "P" },
    });
    expect(payload(era, result)).toEqual({
      completion: { values: ["Paris", "Prague", "Porto"], total: 3, hasMore: false },
    });
    expect(cities).toHaveBeenCalledWith("P", { arguments: {} });
  });

  it("answers an argument with nothing to suggest with no values", async () => {
    const { server } = createServer();
    server.prompt(
      "explain",
      { args: z.object({ language: z.enum(LANGUAGES), topic: z.string() }) },
      () => "x",
    );
    server.resource("weather://{city}/current", () => "x");
    await using client = await connect(server, { era });
    const empty = { completion: { values: [], total: 0, hasMore: false } };

    for (const name of ["topic", "unknown"]) {
      const result = await client.complete({
        ref: { type: "ref/prompt", name: "explain" },
        argument: { name, value: "a" },
      });
      expect(payload(era, result)).toEqual(empty);
    }
    const template = await client.complete({
      ref: { type: "ref/resource", uri: "weather://{city}/current" },
      argument: { name: "city", value: "P" },
    });
    expect(payload(era, template)).toEqual(empty);
  });

  it("caps an answer at 100 values, with hasMore and the total", async () => {
    const { server } = createServer();
    const ids = Array.from({ length: 250 }, (_, i) => `item-${String(i).padStart(3, "0")}`);
    server.prompt(
      "pick",
      { args: z.object({ id: z.string() }), complete: { id: () => ids } },
      ({ id }) => id,
    );
    await using client = await connect(server, { era });

    const result = await client.complete({
      ref: { type: "ref/prompt", name: "pick" },
      argument: { name: "id", value: "" },
    });
    expect(payload(era, result)).toEqual({
      completion: { values: ids.slice(0, 100), total: 250, hasMore: true },
    });
  });

  it("rejects completion for an unknown prompt with -32602", async () => {
    const { server } = createServer();
    server.prompt("known", () => "x");
    await using client = await connect(server, { era });
    await expectMcpError(
      client.complete({ ref: { type: "ref/prompt", name: "nope" }, argument: { name: "a", value: "" } }),
      -32602,
      "Unknown prompt: nope",
    );
  });
});

/** Every page of a list, following nextCursor; the names (or URIs) seen and the number of pages. */
async function collect(
  list: (cursor: string | undefined) => Promise<JsonObject>,
  key: "tools" | "prompts" | "resources" | "resourceTemplates",
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list(cursor);
    pages++;
    for (const item of page[key] as { name?: string; uri?: string; uriTemplate?: string }[]) {
      ids.push(item.uri ?? item.uriTemplate ?? item.name ?? "?");
    }
    cursor = page.nextCursor as string | undefined;
    if (pages > 10) throw new Error("pagination does not end");
  } while (cursor !== undefined);
  return { ids, pages };
}

const cursorParams = (cursor: string | undefined) => (cursor === undefined ? {} : { cursor });

describe.each(ERAS)("McpServer pagination (%s)", (era) => {
  async function pagedServer(): Promise<Client> {
    const { server } = createServer({ pageSize: 2 });
    for (const name of ["a", "b", "c", "d", "e"]) server.tool(`tool_${name}`, () => name);
    for (const name of ["a", "b", "c"]) server.prompt(`prompt_${name}`, () => name);
    server.resource("memo://1", () => "1");
    server.resource("memo://2", () => "2");
    server.resource("users://{id}", { list: () => [{ uri: "users://7", name: "Ada" }] }, ({ id }) => id);
    server.resource("greeting://{name}", ({ name }) => name);
    server.resource("search://{?q}", () => "q");
    return connect(server, { era });
  }

  it("pages tools/list through nextCursor: every tool once, in registration order", async () => {
    await using client = await pagedServer();
    const first = payload(era, await client.listTools());
    expect((first.tools as unknown[]).length).toBe(2);
    expect(typeof first.nextCursor).toBe("string");

    expect(await collect(async (cursor) => client.listTools(cursorParams(cursor)), "tools")).toEqual({
      ids: ["tool_a", "tool_b", "tool_c", "tool_d", "tool_e"],
      pages: 3,
    });
  });

  it("pages prompts, resources and templates the same way", async () => {
    await using client = await pagedServer();
    expect(await collect(async (cursor) => client.listPrompts(cursorParams(cursor)), "prompts")).toEqual({
      ids: ["prompt_a", "prompt_b", "prompt_c"],
      pages: 2,
    });
    expect(await collect(async (cursor) => client.listResources(cursorParams(cursor)), "resources")).toEqual({
      ids: ["memo://1", "memo://2", "users://7"],
      pages: 2,
    });
    const templates = await collect(
      async (cursor) => client.listResourceTemplates(cursorParams(cursor)),
      "resourceTemplates",
    );
    expect(templates).toEqual({ ids: ["users://{id}", "greeting://{name}", "search://{?q}"], pages: 2 });
  });

  it("refuses a pageSize that is not a positive integer (a client would page forever)", async () => {
    for (const pageSize of [0, -1, 1.5, Number.NaN]) {
      expect(() => createServer({ pageSize })).toThrow(
        new RangeError(`pageSize must be a positive integer, got ${pageSize}`),
      );
    }
    const { server } = createServer({ pageSize: 1 });
    server.tool("only", () => "only");
    await using client = await connect(server, { era });
    expect(payload(era, await client.listTools())).toEqual({
      tools: [{ name: "only", inputSchema: { type: "object", properties: {} } }],
    });
  });

  it("rejects an invalid cursor with -32602", async () => {
    await using client = await pagedServer();
    for (const cursor of ["not a cursor!", btoa("-1"), btoa("1.5"), btoa("two")]) {
      await expectMcpError(client.listTools({ cursor }), -32602, "Invalid cursor");
    }
  });

  it("marks list results cacheable in 2026-07-28 only (ttlMs, cacheScope, resultType)", async () => {
    await using client = await pagedServer();
    const results: JsonObject[] = [
      await client.listTools(),
      await client.listPrompts(),
      await client.listResources(),
      await client.listResourceTemplates(),
      await client.readResource({ uri: "memo://1" }),
    ];
    for (const result of results) {
      const bookkeeping = {
        resultType: result.resultType,
        ttlMs: result.ttlMs,
        cacheScope: result.cacheScope,
      };
      if (era === "modern")
        expect(bookkeeping).toEqual({ resultType: "complete", ttlMs: 0, cacheScope: "private" });
      else expect(bookkeeping).toEqual({ resultType: undefined, ttlMs: undefined, cacheScope: undefined });
    }
    const call: JsonObject = await client.callTool({ name: "tool_a" });
    expect({ resultType: call.resultType, ttlMs: call.ttlMs, cacheScope: call.cacheScope }).toEqual(
      era === "modern" ? { resultType: "complete" } : {},
    );
  });
});
