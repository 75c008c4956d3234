// Registration is cheap: tool and prompt schemas are compiled on first use or when the server
// connects (whichever comes first), once, and a broken schema still fails start-up, naming its owner.
import { createMemoryTransportPair } from "mcpkit";
import type { StandardSchemaV1 } from "mcpkit";
import { createMcpHandler } from "mcpkit/http";
import { connect } from "mcpkit/testing";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ERAS, createServer, expectMcpError, payload } from "./helpers.js";

/** A Standard Schema of `{ text: string }` whose JSON Schema converter counts its calls. */
function countingSchema(): StandardSchemaV1<{ text: string }> & { readonly conversions: number } {
  let conversions = 0;
  const jsonSchema = (): Record<string, unknown> => {
    conversions++;
    return { type: "object", properties: { text: { type: "string" } }, required: ["text"] };
  };
  return {
    get conversions() {
      return conversions;
    },
    "~standard": {
      version: 1,
      vendor: "counting",
      validate: (value) =>
        typeof (value as { text?: unknown }).text === "string"
          ? { value: value as { text: string } }
          : { issues: [{ message: "Expected a string", path: ["text"] }] },
      jsonSchema: { input: jsonSchema, output: jsonSchema },
    } as StandardSchemaV1.Props<{ text: string }>,
  };
}

/** Connects the server to a transport nobody drives: only connect()'s own outcome matters. */
async function connectBare(server: ReturnType<typeof createServer>["server"]): Promise<unknown> {
  const [, serverSide] = createMemoryTransportPair();
  return server.connect(serverSide);
}

describe("lazy tool and prompt schemas", () => {
  it("registering does not convert the schema; connecting converts each one once", async () => {
    const { server } = createServer();
    const inputs = [countingSchema(), countingSchema(), countingSchema()];
    inputs.forEach((input, i) => server.tool(`t${i}`, { input }, ({ text }) => text));
    const args = countingSchema();
    server.prompt("p", { args }, ({ text }) => text);
    expect([...inputs, args].map((schema) => schema.conversions)).toEqual([0, 0, 0, 0]);

    await using client = await connect(server, { era: "legacy" });
    expect([...inputs, args].map((schema) => schema.conversions)).toEqual([1, 1, 1, 1]);
    await client.listTools();
    await client.listTools();
    await client.listPrompts();
    await client.callTool({ name: "t0", arguments: { text: "hi" } });
    await connectBare(server); // a second connection (stateless HTTP connects per request) compiles nothing
    expect([...inputs, args].map((schema) => schema.conversions)).toEqual([1, 1, 1, 1]);
  });

  it("registering does not even read a schema's ~standard (zod builds it on first read)", () => {
    const { server } = createServer();
    let reads = 0;
    const schema = z.object({ text: z.string() });
    const watched = new Proxy(schema, {
      get(target, key, receiver) {
        if (key === "~standard") reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    server.tool("echo", { input: watched, output: watched }, ({ text }) => ({ text }));
    server.prompt("p", { args: watched }, ({ text }) => text);
    expect(reads).toBe(0);
    expect(server.getTool("echo")?.inputSchema).toMatchObject({ type: "object", required: ["text"] });
    expect(reads).toBeGreaterThan(0);
  });

  it("the first use compiles once and caches the published description", async () => {
    const { server } = createServer();
    const input = countingSchema();
    server.tool("echo", { description: "Echoes", input }, ({ text }) => text);
    expect(input.conversions).toBe(0);
    const first = server.getTool("echo");
    expect(first).toEqual({ name: "echo", description: "Echoes", inputSchema: expect.objectContaining({}) });
    expect(server.getTool("echo")).toBe(first);
    expect(input.conversions).toBe(1);

    await using client = await connect(server);
    const [listed] = (await client.listTools()).tools;
    expect(listed?.inputSchema).toEqual({
      type: "object",
      properties: { text: { type: "string" } },
      required: ["text"],
    });
    expect(input.conversions).toBe(1);
  });

  it("still checks cheaply at registration that a schema is a usable schema", () => {
    const { server } = createServer();
    expect(() => server.tool("bad", { input: [] as never }, () => "x")).toThrow(
      new TypeError(
        'tool "bad" input: expected a Standard Schema (zod, valibot, ...) or a JSON Schema object',
      ),
    );
    expect(() => server.prompt("p", { args: 42 as never }, () => "x")).toThrow(
      /^prompt "p" args: expected a Standard Schema/,
    );
    expect(server.getTool("bad")).toBeUndefined();
  });

  it("reports a broken tool schema when the server connects, naming the tool", async () => {
    const { server } = createServer();
    server.tool("fine", { input: z.object({ a: z.number() }) }, ({ a }) => a);
    expect(() => server.tool("scalar", { input: z.string() as never }, () => "x")).not.toThrow();

    const failure = connectBare(server);
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toThrow(
      /^tool "scalar" input: MCP requires the JSON Schema root to be type "object"/,
    );
    // It stays broken: every later connection fails the same way.
    await expect(connectBare(server)).rejects.toThrow(/^tool "scalar" input/);
  });

  it("over HTTP, a broken schema fails every request and is logged once, naming the tool", async () => {
    const { server, errors } = createServer();
    server.tool("scalar", { input: z.string() as never }, () => "x");
    const handler = createMcpHandler(server);
    const initialize = (): Promise<Response> =>
      handler.fetch(
        new Request("http://127.0.0.1:3000/mcp", {
          method: "POST",
          headers: {
            host: "127.0.0.1:3000",
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
          },
          body: JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            method: "initialize",
            params: {
              protocolVersion: "2025-11-25",
              capabilities: {},
              clientInfo: { name: "c", version: "1" },
            },
          }),
        }),
      );
    expect((await initialize()).status).toBe(500);
    expect((await initialize()).status).toBe(500);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TypeError);
    expect(errors[0]?.message).toMatch(/^tool "scalar" input: MCP requires the JSON Schema root/);
    await handler.close();
  });

  it("run() fails before serving anything", async () => {
    const { server, errors } = createServer();
    server.tool("scalar", { input: z.string() as never }, () => "x");
    await expect(server.run({ transport: "http", port: 0 })).rejects.toThrow(/^tool "scalar" input/);
    expect(errors).toEqual([]); // the caller has the error; nothing else to log
  });

  it("reports a plain JSON Schema's dangling $ref at connect, loading its validator first", async () => {
    const { server } = createServer();
    const input = { type: "object", properties: { a: { $ref: "#/$defs/missing" } } };
    server.tool("refs", { input }, () => "x");
    await expect(connectBare(server)).rejects.toThrow(
      /^tool "refs" input: \$ref "#\/\$defs\/missing" does not resolve inside the schema/,
    );
  });

  it("reports a broken output schema and a broken prompt schema at connect", async () => {
    const broken = createServer().server;
    broken.tool("out", { output: z.string().transform((s) => s.length) }, () => "x");
    await expect(connectBare(broken)).rejects.toThrow(
      /^tool "out" output: the zod schema's output cannot be/,
    );

    const prompt = createServer().server;
    prompt.prompt("review", { args: z.array(z.string()) as never }, () => "x");
    await expect(connectBare(prompt)).rejects.toThrow(
      /^prompt "review" args: MCP requires the JSON Schema root/,
    );
  });

  it("reports a Standard Schema that cannot describe itself at connect, with the fix", async () => {
    const { server } = createServer();
    server.tool("valibot", { output: v.object({ a: v.number() }) }, () => ({ a: 1 }));
    await expect(connectBare(server)).rejects.toThrow(
      /^tool "valibot" output: this valibot schema cannot produce a JSON Schema .*toStandardJsonSchema\(\)/,
    );
  });

  it("compiles disabled entries at connect too: they are registered, just hidden", async () => {
    const { server } = createServer();
    server.tool("hidden", { input: z.number() as never, enabled: false }, () => "x");
    await expect(connectBare(server)).rejects.toThrow(/^tool "hidden" input/);
  });

  it("once connected, registering compiles at once, so the caller sees the error", async () => {
    const { server } = createServer();
    await connectBare(server);
    const input = countingSchema();
    server.tool("late", { input }, ({ text }) => text);
    expect(input.conversions).toBe(1);
    expect(() => server.tool("scalar", { input: z.string() as never }, () => "x")).toThrow(
      /^tool "scalar" input: MCP requires the JSON Schema root/,
    );
    expect(server.getTool("scalar")).toBeUndefined();
    expect(() => server.prompt("p", { args: z.string() as never }, () => "x")).toThrow(/^prompt "p" args/);
  });

  it.each(ERAS)("a removed broken tool no longer fails start-up (%s)", async (era) => {
    const { server } = createServer();
    server.tool("scalar", { input: z.string() as never }, () => "x").remove();
    server.tool("echo", { input: z.object({ text: z.string() }) }, ({ text }) => text);
    await using client = await connect(server, { era });
    expect(payload(era, await client.callTool({ name: "echo", arguments: { text: "hi" } }))).toEqual({
      content: [{ type: "text", text: "hi" }],
    });
  });

  it.each(ERAS)("validates plain JSON Schema arguments once its validator is loaded (%s)", async (era) => {
    const { server } = createServer();
    const input = {
      type: "object",
      properties: { n: { type: "integer", minimum: 1 } },
      required: ["n"],
      additionalProperties: false,
    };
    server.tool("count", { input }, ({ n }) => n);
    server.prompt(
      "ask",
      { args: { type: "object", properties: { q: { type: "string" } } } },
      ({ q }) => `${String(q)}?`,
    );
    await using client = await connect(server, { era });
    expect(payload(era, await client.callTool({ name: "count", arguments: { n: 0 } }))).toEqual({
      content: [{ type: "text", text: 'Invalid arguments for tool "count": n: 0 is less than 1.' }],
      isError: true,
    });
    expect(payload(era, await client.callTool({ name: "count", arguments: { n: 2 } }))).toEqual({
      content: [{ type: "text", text: "2" }],
    });
    await expectMcpError(
      client.getPrompt({ name: "ask", arguments: { q: 1 as never } }),
      -32602,
      'Invalid arguments for prompt "ask": q: Expected string, received number',
    );
    expect((await client.listPrompts()).prompts).toEqual([
      { name: "ask", arguments: [{ name: "q", required: false }] },
    ]);
  });
});
