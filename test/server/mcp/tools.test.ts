import { Validator } from "@cfworker/json-schema";
import { toStandardJsonSchema } from "@valibot/to-json-schema";
import {
  McpError,
  MetaKey,
  ToolError,
  audio,
  embeddedResource,
  file,
  image,
  resourceLink,
  text,
} from "mcpkit";
import type { JsonObject, JsonSchema } from "mcpkit";
import { connect } from "mcpkit/testing";
import * as v from "valibot";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ERAS, PNG, WAV, base64, createServer, expectMcpError, nextListChanged, payload } from "./helpers.js";

/** A 2020-12 schema using every feature a hand-written one tends to: $defs, $ref, closed objects. */
const ORDER_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    item: { type: "string", minLength: 1 },
    shipTo: { $ref: "#/$defs/address" },
  },
  required: ["item", "shipTo"],
  additionalProperties: false,
  $defs: {
    address: {
      type: "object",
      properties: { city: { type: "string" }, zip: { type: "string", pattern: "^[0-9]{5}$" } },
      required: ["city", "zip"],
      additionalProperties: false,
    },
  },
};

describe.each(ERAS)("McpServer tools (%s)", (era) => {
  describe("input schemas", () => {
    it("validates zod arguments before the handler and names the failing field", async () => {
      const { server } = createServer();
      const add = vi.fn(({ a, b }: { a: number; b: number }) => a + b);
      server.tool("add", { input: z.object({ a: z.number(), b: z.number() }) }, add);
      await using client = await connect(server, { era });

      const bad = payload(era, await client.callTool({ name: "add", arguments: { a: 1, b: "2" } }));
      expect(bad).toEqual({
        content: [{ type: "text", text: expect.stringMatching(/^Invalid arguments for tool "add": b: /) }],
        isError: true,
      });
      expect(add).not.toHaveBeenCalled();

      const good = payload(era, await client.callTool({ name: "add", arguments: { a: 1, b: 2 } }));
      expect(good).toEqual({ content: [{ type: "text", text: "3" }] });
      expect(add).toHaveBeenCalledTimes(1);
    });

    it("publishes and validates a valibot schema (toStandardJsonSchema)", async () => {
      const { server } = createServer();
      const input = toStandardJsonSchema(
        v.object({ city: v.pipe(v.string(), v.minLength(2)), days: v.optional(v.number()) }),
      );
      const forecast = vi.fn(({ city, days }: { city: string; days?: number | undefined }) => {
        return `${city}: ${days ?? 1} day(s)`;
      });
      server.tool("forecast", { input }, forecast);
      await using client = await connect(server, { era });

      const { tools } = await client.listTools();
      expect(tools[0]?.inputSchema).toMatchObject({
        type: "object",
        properties: { city: { type: "string", minLength: 2 }, days: { type: "number" } },
        required: ["city"],
      });
      const bad = payload(era, await client.callTool({ name: "forecast", arguments: { city: "X" } }));
      expect(bad).toEqual({
        content: [
          { type: "text", text: expect.stringMatching(/^Invalid arguments for tool "forecast": city: /) },
        ],
        isError: true,
      });
      expect(forecast).not.toHaveBeenCalled();
      const good = await client.callTool({ name: "forecast", arguments: { city: "Paris", days: 3 } });
      expect(payload(era, good)).toEqual({ content: [{ type: "text", text: "Paris: 3 day(s)" }] });
    });

    it("lists a plain JSON Schema verbatim and validates with its $defs and $ref", async () => {
      const { server } = createServer();
      const order = vi.fn(() => "ordered");
      server.tool("order", { input: ORDER_SCHEMA }, order);
      await using client = await connect(server, { era });

      const { tools } = await client.listTools();
      expect(tools).toEqual([{ name: "order", inputSchema: ORDER_SCHEMA }]);

      const call = async (args: JsonObject) =>
        payload(era, await client.callTool({ name: "order", arguments: args }));
      expect(await call({ item: "book", shipTo: { city: "Paris", zip: "ABCDE" } })).toEqual({
        content: [
          { type: "text", text: expect.stringMatching(/^Invalid arguments for tool "order": .*zip/) },
        ],
        isError: true,
      });
      expect(await call({ item: "book", shipTo: { city: "Paris", zip: "75001" }, rush: true })).toEqual({
        content: [
          { type: "text", text: expect.stringMatching(/^Invalid arguments for tool "order": .*rush/) },
        ],
        isError: true,
      });
      expect(order).not.toHaveBeenCalled();
      expect(await call({ item: "book", shipTo: { city: "Paris", zip: "75001" } })).toEqual({
        content: [{ type: "text", text: "ordered" }],
      });
    });

    it("treats missing arguments as an empty object", async () => {
      const { server } = createServer();
      const greet = vi.fn(({ name }: { name: string }) => `Hello, ${name}!`);
      server.tool("greet", { input: z.object({ name: z.string().default("world") }) }, greet);
      server.tool("strict", { input: z.object({ id: z.string() }) }, () => "never");
      const seen = vi.fn((args: unknown) => JSON.stringify(args));
      server.tool("bare", seen);
      await using client = await connect(server, { era });

      expect(payload(era, await client.callTool({ name: "greet" }))).toEqual({
        content: [{ type: "text", text: "Hello, world!" }],
      });
      expect(payload(era, await client.callTool({ name: "bare" }))).toEqual({
        content: [{ type: "text", text: "{}" }],
      });
      expect(payload(era, await client.callTool({ name: "strict" }))).toEqual({
        content: [
          { type: "text", text: expect.stringMatching(/^Invalid arguments for tool "strict": id: /) },
        ],
        isError: true,
      });
    });
  });

  describe("output schemas", () => {
    it("returns an object as structuredContent plus its JSON as text", async () => {
      const { server } = createServer();
      const output = z.object({ sum: z.number(), parts: z.array(z.number()) });
      server.tool("sum", { input: z.object({ parts: z.array(z.number()) }), output }, ({ parts }) => ({
        sum: parts.reduce((total, part) => total + part, 0),
        parts,
      }));
      await using client = await connect(server, { era });

      const { tools } = await client.listTools();
      expect(tools[0]?.outputSchema).toMatchObject({
        type: "object",
        properties: { sum: { type: "number" }, parts: { type: "array", items: { type: "number" } } },
        required: ["sum", "parts"],
      });
      const result = payload(era, await client.callTool({ name: "sum", arguments: { parts: [1, 2, 3] } }));
      const structured = { sum: 6, parts: [1, 2, 3] };
      expect(result).toEqual({
        content: [{ type: "text", text: JSON.stringify(structured) }],
        structuredContent: structured,
      });
    });

    it("wraps a primitive output as { result } in both the schema and the result", async () => {
      const { server } = createServer();
      server.tool("square", { input: z.object({ n: z.number() }), output: z.number() }, ({ n }) => n * n);
      await using client = await connect(server, { era });

      const { tools } = await client.listTools();
      expect(tools[0]?.outputSchema).toEqual({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        properties: { result: { type: "number" } },
        required: ["result"],
      });
      const result = payload(era, await client.callTool({ name: "square", arguments: { n: 3 } }));
      expect(result).toEqual({ content: [{ type: "text", text: "9" }], structuredContent: { result: 9 } });
    });

    it("keeps $defs resolvable when it wraps a non-object output", async () => {
      const { server } = createServer();
      const output: JsonSchema = {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "array",
        items: { $ref: "#/$defs/point" },
        $defs: {
          point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] },
        },
      };
      server.tool("points", { output }, () => [{ x: 1 }, { x: 2 }]);
      await using client = await connect(server, { era });

      const { tools } = await client.listTools();
      const published = tools[0]?.outputSchema as JsonSchema;
      expect(published).toEqual({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        properties: { result: { type: "array", items: { $ref: "#/$defs/point" } } },
        required: ["result"],
        $defs: output.$defs,
      });
      const result = payload(era, await client.callTool({ name: "points" }));
      expect(result.structuredContent).toEqual({ result: [{ x: 1 }, { x: 2 }] });
      // What a client does with outputSchema: validate structuredContent against it.
      expect(new Validator(published, "2020-12").validate(result.structuredContent).valid).toBe(true);
    });

    it("does not wrap an object output that zod publishes as a root $ref (.meta({ id }))", async () => {
      const { server } = createServer();
      const output = z.object({ temp: z.number() }).meta({ id: "Weather" });
      server.tool("weather", { output }, () => ({ temp: 21 }));
      await using client = await connect(server, { era });

      const { tools } = await client.listTools();
      expect(tools[0]?.outputSchema).toMatchObject({ type: "object", $ref: "#/$defs/Weather" });
      expect(payload(era, await client.callTool({ name: "weather" }))).toEqual({
        content: [{ type: "text", text: '{"temp":21}' }],
        structuredContent: { temp: 21 },
      });
    });

    it("masks a result the output schema rejects and logs the detail", async () => {
      const { server, errors } = createServer();
      const output = z.object({ total: z.number() });
      // A handler written against a looser contract than its schema: a server bug.
      server.tool("total", { output }, () => ({ total: "lots" }) as unknown as { total: number });
      await using client = await connect(server, { era });

      const result = payload(era, await client.callTool({ name: "total" }));
      expect(result).toEqual({
        content: [
          { type: "text", text: 'Tool "total" returned an invalid result; the server logged the details' },
        ],
        isError: true,
      });
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(
        /^Tool "total" returned a value that does not match its output schema: /,
      );
      expect(JSON.stringify(result)).not.toContain("lots");
    });
  });

  describe("descriptions", () => {
    it("lists title, description, annotations, icons and _meta as given", async () => {
      const { server } = createServer();
      const annotations = {
        title: "Delete a file",
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: false,
      };
      const icons = [{ src: "https://example.com/trash.png", mimeType: "image/png", sizes: ["48x48"] }];
      const _meta = { "example.com/owner": "files-team" };
      server.tool(
        "delete_file",
        { title: "Delete file", description: "Deletes one file", annotations, icons, _meta },
        () => "deleted",
      );
      await using client = await connect(server, { era });

      expect(payload(era, await client.listTools())).toEqual({
        tools: [
          {
            name: "delete_file",
            title: "Delete file",
            description: "Deletes one file",
            inputSchema: { type: "object", properties: {} },
            annotations,
            icons,
            _meta,
          },
        ],
      });
    });

    it("accepts names of 1-128 characters from [A-Za-z0-9_.-] and rejects any other", async () => {
      const { server } = createServer();
      const valid = ["a", "A-b_c.9", "x".repeat(128)];
      for (const name of valid) server.tool(name, () => name);
      for (const name of ["", "has space", "slash/name", "ünïcode", "x".repeat(129), "emoji😀"]) {
        expect(() => server.tool(name, () => "never")).toThrow(
          new TypeError(`Invalid tool name "${name}": use 1-128 characters from A-Z, a-z, 0-9, _, . and -`),
        );
      }
      expect(() => server.tool("a", () => "again")).toThrow(
        new TypeError('A tool named "a" is already registered'),
      );
      await using client = await connect(server, { era });

      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toEqual(valid);
      expect(payload(era, await client.callTool({ name: "a" }))).toEqual({
        content: [{ type: "text", text: "a" }],
      });
    });
  });

  describe("return values", () => {
    const csv = new TextEncoder().encode("a,b\n1,2\n");
    const cases: [string, () => unknown, unknown[]][] = [
      ["a string", () => "hello", [{ type: "text", text: "hello" }]],
      ["a number", () => 42, [{ type: "text", text: "42" }]],
      [
        "an object (JSON text)",
        () => ({ a: 1, b: [true, null] }),
        [{ type: "text", text: '{"a":1,"b":[true,null]}' }],
      ],
      [
        "an array of strings (one block each)",
        () => ["first", "second"],
        [
          { type: "text", text: "first" },
          { type: "text", text: "second" },
        ],
      ],
      [
        "an array of plain data (one JSON block)",
        () => [{ id: 1 }, { id: 2 }],
        [{ type: "text", text: '[{"id":1},{"id":2}]' }],
      ],
      [
        "image() from PNG bytes",
        () => image(PNG),
        [{ type: "image", data: base64(PNG), mimeType: "image/png" }],
      ],
      [
        "audio() from WAV bytes",
        () => audio(WAV),
        [{ type: "audio", data: base64(WAV), mimeType: "audio/wav" }],
      ],
      [
        "file() (an embedded resource)",
        () => file(csv, { name: "report.csv" }),
        [
          {
            type: "resource",
            resource: { uri: "file:///report.csv", mimeType: "text/csv", text: "a,b\n1,2\n" },
          },
        ],
      ],
      [
        "embeddedResource()",
        () => embeddedResource({ uri: "memo://today", mimeType: "text/plain", text: "Buy milk" }),
        [{ type: "resource", resource: { uri: "memo://today", mimeType: "text/plain", text: "Buy milk" } }],
      ],
      [
        "resourceLink()",
        () => resourceLink({ uri: "file:///src/main.ts", name: "main.ts", mimeType: "text/typescript" }),
        [{ type: "resource_link", uri: "file:///src/main.ts", name: "main.ts", mimeType: "text/typescript" }],
      ],
      [
        "a mix of text and media",
        () => [text("Chart:"), image(PNG)],
        [
          { type: "text", text: "Chart:" },
          { type: "image", data: base64(PNG), mimeType: "image/png" },
        ],
      ],
    ];

    it.each(cases)("turns %s into content", async (_label, value, content) => {
      const { server } = createServer();
      server.tool("produce", value);
      await using client = await connect(server, { era });
      expect(payload(era, await client.callTool({ name: "produce" }))).toEqual({ content });
    });

    it("passes a returned CallToolResult through as is", async () => {
      const { server, errors } = createServer();
      const result = {
        content: [{ type: "text" as const, text: "Quota exceeded" }],
        structuredContent: { remaining: 0 },
        isError: true,
      };
      server.tool("quota", () => result);
      await using client = await connect(server, { era });
      expect(payload(era, await client.callTool({ name: "quota" }))).toEqual(result);
      expect(errors).toEqual([]);
    });
  });

  describe("errors", () => {
    it("shows a ToolError's message to the model", async () => {
      const { server, errors } = createServer();
      server.tool("lookup", () => {
        throw new ToolError("Unknown city: try a capital such as Paris");
      });
      await using client = await connect(server, { era });
      expect(payload(era, await client.callTool({ name: "lookup" }))).toEqual({
        content: [{ type: "text", text: "Unknown city: try a capital such as Paris" }],
        isError: true,
      });
      expect(errors).toEqual([]);
    });

    it("masks any other error and hands it to onError", async () => {
      const { server, errors } = createServer();
      const secret = new Error("secret: password=hunter2 at db.internal:5432");
      server.tool("boom", async () => {
        await Promise.resolve();
        throw secret;
      });
      await using client = await connect(server, { era });

      const result = payload(era, await client.callTool({ name: "boom" }));
      expect(result).toEqual({
        content: [{ type: "text", text: 'Tool "boom" failed; the server logged the details' }],
        isError: true,
      });
      expect(JSON.stringify(result)).not.toMatch(/secret|hunter2|db\.internal/);
      expect(errors).toEqual([secret]);
    });

    it("masks an error thrown synchronously, before any await, the same way", async () => {
      const { server, errors } = createServer();
      const secret = new Error("secret: thrown at once");
      server.tool("sync-boom", () => {
        throw secret;
      });
      await using client = await connect(server, { era });
      expect(payload(era, await client.callTool({ name: "sync-boom" }))).toEqual({
        content: [{ type: "text", text: 'Tool "sync-boom" failed; the server logged the details' }],
        isError: true,
      });
      expect(errors).toEqual([secret]);
    });

    it("awaits a handler's thenable (not only a Promise) and masks its rejection", async () => {
      const { server, errors } = createServer();
      const thenable = (settle: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void) => ({
        then: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => settle(resolve, reject),
      });
      const failure = new Error("thenable failed");
      server.tool("lazy", () => thenable((resolve) => setTimeout(() => resolve("later"), 1)));
      server.tool("lazy-boom", () => thenable((_resolve, reject) => reject(failure)));
      await using client = await connect(server, { era });
      expect(payload(era, await client.callTool({ name: "lazy" }))).toEqual({
        content: [{ type: "text", text: "later" }],
      });
      expect(payload(era, await client.callTool({ name: "lazy-boom" })).isError).toBe(true);
      expect(errors).toEqual([failure]);
    });

    it("answers a thrown McpError as that JSON-RPC error", async () => {
      const { server, errors } = createServer();
      server.tool("picky", () => {
        throw new McpError(-32602, "Page must be a positive integer", { field: "page" });
      });
      await using client = await connect(server, { era });
      const error = await expectMcpError(client.callTool({ name: "picky" }), -32602);
      expect(error.message).toBe("Page must be a positive integer");
      expect(error.data).toEqual({ field: "page" });
      expect(errors).toEqual([]);
    });

    it("rejects an unknown tool with -32602", async () => {
      const { server } = createServer();
      server.tool("known", () => "ok");
      await using client = await connect(server, { era });
      await expectMcpError(client.callTool({ name: "unknown" }), -32602, "Unknown tool: unknown");
    });
  });

  describe("run-time changes", () => {
    it("disables, enables and removes a tool", async () => {
      const { server } = createServer();
      server.tool("first", () => "1");
      const second = server.tool("second", () => "2");
      server.tool("third", () => "3");
      await using client = await connect(server, { era });
      const names = async () => (await client.listTools()).tools.map((tool) => tool.name);
      expect(second.name).toBe("second");

      second.disable();
      expect(await names()).toEqual(["first", "third"]);
      await expectMcpError(client.callTool({ name: "second" }), -32602, "Unknown tool: second");

      second.enable();
      expect(await names()).toEqual(["first", "second", "third"]);
      expect(payload(era, await client.callTool({ name: "second" }))).toEqual({
        content: [{ type: "text", text: "2" }],
      });

      second.remove();
      expect(await names()).toEqual(["first", "third"]);
      await expectMcpError(client.callTool({ name: "second" }), -32602, "Unknown tool: second");
      // The name is free again.
      server.tool("second", () => "2 again");
      expect(await names()).toEqual(["first", "third", "second"]);
    });

    it("keeps a tool registered with enabled: false hidden until enable()", async () => {
      const { server } = createServer();
      const beta = server.tool("beta", { enabled: false }, () => "beta");
      await using client = await connect(server, { era });
      expect((await client.listTools()).tools).toEqual([]);
      await expectMcpError(client.callTool({ name: "beta" }), -32602);
      beta.enable();
      expect(payload(era, await client.callTool({ name: "beta" }))).toEqual({
        content: [{ type: "text", text: "beta" }],
      });
    });

    it("lists a tool registered after connect and tells the client the list changed", async () => {
      const { server } = createServer();
      server.tool("early", () => "early");
      await using client = await connect(server, { era });
      const changed = await nextListChanged(client, era, "tools");
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(["early"]);

      server.tool("late", { description: "Added at run time" }, () => "late");
      const notification = await changed();
      // 2026-07-28 delivers it on the listen stream, tagged with that stream's id.
      expect(notification).toEqual(
        era === "modern" ? { _meta: { [MetaKey.SubscriptionId]: expect.anything() } } : undefined,
      );
      expect((await client.listTools()).tools).toEqual([
        { name: "early", inputSchema: { type: "object", properties: {} } },
        { name: "late", description: "Added at run time", inputSchema: { type: "object", properties: {} } },
      ]);
      expect(payload(era, await client.callTool({ name: "late" }))).toEqual({
        content: [{ type: "text", text: "late" }],
      });
    });
  });
});
