import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { McpError, McpServer } from "mcpkit";
import type { Client, JsonObject } from "mcpkit";
import { connect } from "mcpkit/testing";
import { createRawPeer } from "../../helpers/raw-client.js";

/* Asking the client for input: real requests to legacy clients, input_required rounds to 2026 ones. */

const MODERN_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": { elicitation: {}, sampling: {}, roots: {} },
};

function server(options: { requestState?: { key?: string; ttlMs?: number } } = {}) {
  const mcp = new McpServer({ name: "input", version: "1" }, options);
  const runs = { book: 0 };
  mcp.tool("book_table", { input: z.object({ date: z.string() }) }, async ({ date }, ctx) => {
    runs.book++;
    const size = await ctx.elicit(`How many people on ${date}?`, z.object({ people: z.number() }));
    if (size.action !== "accept") return `No booking (${size.action})`;
    const name = await ctx.elicit("Name for the booking?", z.object({ name: z.string() }));
    if (name.action !== "accept") return `No booking (${name.action})`;
    return `Booked ${size.content.people} on ${date} for ${name.content.name}`;
  });
  mcp.tool("both_at_once", async (_args, ctx) => {
    const [a, b] = await Promise.all([
      ctx.elicit("First?", z.object({ a: z.string() })),
      ctx.elicit("Second?", z.object({ b: z.string() })),
    ]);
    return [a.action === "accept" ? a.content.a : "-", b.action === "accept" ? b.content.b : "-"].join("+");
  });
  mcp.tool("summarise", { input: z.object({ text: z.string() }) }, async ({ text }, ctx) => {
    const reply = await ctx.sample(`Summarise: ${text}`, { maxTokens: 50 });
    const content = Array.isArray(reply.content) ? reply.content[0] : reply.content;
    return content?.type === "text" ? `Summary: ${content.text}` : "no text";
  });
  mcp.tool("named_keys", async (_args, ctx) => {
    const who = await ctx.elicit("Who?", z.object({ name: z.string() }), { key: "user_name" });
    const roots = await ctx.listRoots({ key: "client_roots" });
    return `${who.action === "accept" ? who.content.name : "?"} ${roots.length}`;
  });
  mcp.tool("roots", async (_args, ctx) => (await ctx.listRoots()).map((root) => root.uri).join(","));
  mcp.prompt("ask_prompt", async (_args, ctx) => {
    const answer = await ctx.elicit("Topic?", z.object({ topic: z.string() }));
    return answer.action === "accept" ? `Write about ${answer.content.topic}` : "Write anything";
  });
  mcp.resource("secret://vault", async (ctx) => {
    const answer = await ctx.elicit("Password?", z.object({ password: z.string() }));
    return answer.action === "accept" && answer.content.password === "open" ? "treasure" : "locked";
  });
  return { mcp, runs };
}

function textOf(result: unknown): string {
  const content = (result as { content: { type: string; text: string }[] }).content;
  return content.map((block) => block.text).join("");
}

const handlers = (log: string[]) => ({
  "elicitation/create": (params: unknown) => {
    const message = (params as { message: string }).message;
    log.push(message);
    if (message.startsWith("How many")) return { action: "accept" as const, content: { people: 4 } };
    if (message.startsWith("Name")) return { action: "accept" as const, content: { name: "Ada" } };
    if (message === "First?") return { action: "accept" as const, content: { a: "x" } };
    if (message === "Second?") return { action: "accept" as const, content: { b: "y" } };
    if (message === "Topic?") return { action: "accept" as const, content: { topic: "tides" } };
    if (message === "Password?") return { action: "accept" as const, content: { password: "open" } };
    return { action: "decline" as const };
  },
  "sampling/createMessage": (params: unknown) => {
    const { messages, maxTokens } = params as {
      messages: { content: { text: string } }[];
      maxTokens: number;
    };
    log.push(`sample ${maxTokens}: ${messages[0]?.content.text}`);
    return { role: "assistant" as const, content: { type: "text" as const, text: "short" }, model: "test" };
  },
  "roots/list": () => ({ roots: [{ uri: "file:///home/ada", name: "home" }] }),
});

describe.each(["modern", "legacy"] as const)("asking the client for input (%s)", (era) => {
  async function client(log: string[] = []): Promise<Client> {
    return connect(server().mcp, { era, handlers: handlers(log) });
  }

  it("runs two sequential elicitations and books", async () => {
    const log: string[] = [];
    const c = await client(log);
    const result = await c.callTool({ name: "book_table", arguments: { date: "Friday" } });
    expect(textOf(result)).toBe("Booked 4 on Friday for Ada");
    expect(log).toEqual(["How many people on Friday?", "Name for the booking?"]);
  });

  it("answers two concurrent elicitations", async () => {
    const c = await client();
    expect(textOf(await c.callTool({ name: "both_at_once", arguments: {} }))).toBe("x+y");
  });

  it("samples the client's model and lists its roots", async () => {
    const log: string[] = [];
    const c = await client(log);
    expect(textOf(await c.callTool({ name: "summarise", arguments: { text: "a long story" } }))).toBe(
      "Summary: short",
    );
    expect(log).toEqual(["sample 50: Summarise: a long story"]);
    expect(textOf(await c.callTool({ name: "roots", arguments: {} }))).toBe("file:///home/ada");
  });

  it("asks from prompts and resources too", async () => {
    const c = await client();
    expect(await c.getPrompt({ name: "ask_prompt" })).toMatchObject({
      messages: [{ role: "user", content: { type: "text", text: "Write about tides" } }],
    });
    expect(await c.readResource({ uri: "secret://vault" })).toMatchObject({
      contents: [{ text: "treasure" }],
    });
  });

  it("passes decline through to the handler", async () => {
    const c = await connect(server().mcp, {
      era,
      handlers: { "elicitation/create": () => ({ action: "decline" as const }) },
    });
    expect(textOf(await c.callTool({ name: "book_table", arguments: { date: "Monday" } }))).toBe(
      "No booking (decline)",
    );
  });

  it("rejects an accepted answer that does not match the form", async () => {
    const c = await connect(server().mcp, {
      era,
      handlers: { "elicitation/create": () => ({ action: "accept" as const, content: { people: "many" } }) },
    });
    const error = await c.callTool({ name: "book_table", arguments: { date: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(McpError);
    expect(error).toMatchObject({ code: -32602, message: expect.stringContaining("people") });
  });
});

describe("2026-07-28 input_required rounds on the wire", () => {
  async function rawServer(options: { requestState?: { key?: string; ttlMs?: number } } = {}) {
    const { mcp, runs } = server(options);
    const { peer, transport } = await createRawPeer();
    await mcp.connect(transport);
    let id = 0;
    const call = async (params: JsonObject) =>
      (await peer.exchange({
        jsonrpc: "2.0",
        id: ++id,
        method: "tools/call",
        params: { _meta: MODERN_META, ...params },
      })) as {
        result?: JsonObject;
        error?: { code: number; message: string };
      };
    return { call, runs };
  }

  it("returns inputRequests and a sealed requestState, and re-runs the handler on retry", async () => {
    const { call, runs } = await rawServer();
    const first = await call({ name: "book_table", arguments: { date: "Sat" } });
    expect(first.result).toMatchObject({
      resultType: "input_required",
      inputRequests: {
        "elicit-0": {
          method: "elicitation/create",
          params: {
            mode: "form",
            message: "How many people on Sat?",
            requestedSchema: {
              type: "object",
              properties: { people: { type: "number" } },
              required: ["people"],
            },
          },
        },
      },
      requestState: expect.any(String),
    });
    const state1 = first.result!.requestState as string;
    const second = await call({
      name: "book_table",
      arguments: { date: "Sat" },
      requestState: state1,
      inputResponses: { "elicit-0": { action: "accept", content: { people: 2 } } },
    });
    expect(second.result).toMatchObject({
      resultType: "input_required",
      inputRequests: { "elicit-1": { method: "elicitation/create" } },
    });
    const third = await call({
      name: "book_table",
      arguments: { date: "Sat" },
      requestState: second.result!.requestState,
      inputResponses: { "elicit-1": { action: "accept", content: { name: "Bo" } } },
    });
    expect(third.result).toMatchObject({
      resultType: "complete",
      content: [{ type: "text", text: "Booked 2 on Sat for Bo" }],
    });
    expect(runs.book).toBe(3);
  });

  it("uses the keys the handler names, and accepts answers under them", async () => {
    const { call } = await rawServer();
    const first = await call({ name: "named_keys", arguments: {} });
    expect(Object.keys(first.result!.inputRequests as JsonObject)).toEqual(["user_name"]);
    const second = await call({
      name: "named_keys",
      arguments: {},
      requestState: first.result!.requestState,
      inputResponses: { user_name: { action: "accept", content: { name: "Ada" } } },
    });
    expect(Object.keys(second.result!.inputRequests as JsonObject)).toEqual(["client_roots"]);
    const third = await call({
      name: "named_keys",
      arguments: {},
      requestState: second.result!.requestState,
      inputResponses: { client_roots: { roots: [{ uri: "file:///a" }] } },
    });
    expect(third.result).toMatchObject({ content: [{ type: "text", text: "Ada 1" }] });
  });

  it("refuses a tampered requestState", async () => {
    const { call } = await rawServer();
    const first = await call({ name: "book_table", arguments: { date: "Sat" } });
    const state = first.result!.requestState as string;
    const [body, signature] = state.split(".") as [string, string];
    const forged = JSON.parse(Buffer.from(body, "base64url").toString()) as JsonObject;
    forged.responses = { "elicit-0": { action: "accept", content: { people: 99 } } };
    const tampered = `${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
    const answer = await call({ name: "book_table", arguments: { date: "Sat" }, requestState: tampered });
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining("signature") });
  });

  it("refuses a requestState replayed on other arguments", async () => {
    const { call } = await rawServer();
    const first = await call({ name: "book_table", arguments: { date: "Sat" } });
    const answer = await call({
      name: "book_table",
      arguments: { date: "Sun" },
      requestState: first.result!.requestState,
    });
    expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining("another request") });
  });

  it("refuses an expired requestState", async () => {
    const { call } = await rawServer({ requestState: { ttlMs: 1_000 } });
    const first = await call({ name: "book_table", arguments: { date: "Sat" } });
    vi.useFakeTimers({ now: Date.now() + 5_000, toFake: ["Date"] });
    try {
      const answer = await call({
        name: "book_table",
        arguments: { date: "Sat" },
        requestState: first.result!.requestState,
      });
      expect(answer.error).toMatchObject({ code: -32602, message: expect.stringContaining("expired") });
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a requestState sealed with another server's key, and accepts one with a shared key", async () => {
    const a = await rawServer({ requestState: { key: "shared-secret-of-the-cluster" } });
    const b = await rawServer({ requestState: { key: "shared-secret-of-the-cluster" } });
    const c = await rawServer({ requestState: { key: "a-different-secret-entirely" } });
    const first = await a.call({ name: "book_table", arguments: { date: "Sat" } });
    const retry = {
      name: "book_table",
      arguments: { date: "Sat" },
      requestState: first.result!.requestState,
      inputResponses: { "elicit-0": { action: "accept", content: { people: 3 } } },
    };
    expect((await b.call(retry)).result).toMatchObject({ resultType: "input_required" });
    expect((await c.call(retry)).error).toMatchObject({ code: -32602 });
  });

  it("answers -32021 when the request did not declare the capability the handler needs", async () => {
    const { mcp } = server();
    const { peer, transport } = await createRawPeer();
    await mcp.connect(transport);
    const meta = { ...MODERN_META, "io.modelcontextprotocol/clientCapabilities": {} };
    const answer = await peer.exchange({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "summarise", arguments: { text: "x" }, _meta: meta },
    });
    expect(answer).toMatchObject({
      error: { code: -32021, data: { requiredCapabilities: { sampling: {} } } },
    });
  });
});
