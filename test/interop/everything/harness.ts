import { Validator } from "@cfworker/json-schema";
import type { Schema } from "@cfworker/json-schema";
import { expect } from "vitest";
import { Client } from "mcpkit";
import type { JsonObject, ServerParams, ServerResult, Spec2025_11_25 } from "mcpkit";

export type Tool = Spec2025_11_25.Tool;
export type CallToolResult = Spec2025_11_25.CallToolResult;
type Root = Spec2025_11_25.Root;

/** What the client declares: every server-to-client feature server-everything can exercise. */
export const CAPABILITIES = {
  sampling: {},
  elicitation: { form: {}, url: {} },
  roots: { listChanged: true },
};

/** Our sampling callback's answer; server-everything echoes it back inside the tool result. */
export const SAMPLED: ServerResult<"sampling/createMessage"> = {
  role: "assistant",
  content: { type: "text", text: "Hello from the mcpkit sampling callback" },
  model: "mcpkit-test-model",
  stopReason: "endTurn",
};

/** Our answer to the form elicitation of trigger-elicitation-request (valid for its requestedSchema). */
export const ELICITED = { name: "Ada Lovelace", check: true, email: "ada@example.com", integer: 7 };

/**
 * One connected mcpkit Client with every callback server-everything may call, and records of what
 * the server sent: requests it made of us, log messages and resource notifications.
 */
export class Harness {
  readonly client: Client;
  readonly errors: Error[] = [];
  readonly logs: JsonObject[] = [];
  readonly updated: string[] = [];
  readonly listChanged: string[] = [];
  readonly sampling: ServerParams<"sampling/createMessage">[] = [];
  readonly elicitations: ServerParams<"elicitation/create">[] = [];
  /** The tools a check called, so a check that forgets its tool fails the run. */
  readonly called = new Set<string>();
  rootsAsked = 0;
  roots: Root[] = [{ uri: "file:///workspace/mcpkit", name: "mcpkit" }];

  constructor() {
    this.client = new Client(
      { name: "mcpkit-everything-interop", version: "0.0.0" },
      { capabilities: CAPABILITIES, onError: (error) => this.errors.push(error), requestTimeoutMs: 15_000 },
    );
    this.client.handle("sampling/createMessage", (params) => {
      this.sampling.push(params);
      return SAMPLED;
    });
    this.client.handle("elicitation/create", (params) => {
      this.elicitations.push(params);
      if (params.mode === "url") return { action: "accept" };
      expect(validate(params.requestedSchema as Schema, ELICITED)).toEqual([]);
      return { action: "accept", content: ELICITED };
    });
    this.client.handle("roots/list", () => {
      this.rootsAsked++;
      return { roots: this.roots };
    });
    this.client.on("notifications/message", (params) => params && this.logs.push(params));
    this.client.on("notifications/resources/updated", (params) => this.updated.push(String(params?.uri)));
    for (const list of ["tools", "prompts", "resources"]) {
      this.client.on(`notifications/${list}/list_changed`, () => this.listChanged.push(list));
    }
  }

  /** Calls `tool` with `args`, which must be valid for the inputSchema the server listed. */
  async call(
    tool: Tool,
    args: JsonObject,
    options?: Parameters<Client["callTool"]>[1],
  ): Promise<CallToolResult> {
    expect(validate(tool.inputSchema as Schema, args), `arguments for ${tool.name}`).toEqual([]);
    this.called.add(tool.name);
    return (await this.client.callTool({ name: tool.name, arguments: args }, options)) as CallToolResult;
  }

  /** The data of every log message so far, as strings. */
  logTexts(): string[] {
    return this.logs.map((log) => (typeof log.data === "string" ? log.data : JSON.stringify(log.data)));
  }
}

/** JSON Schema validation errors of `value` (empty when valid); server-everything emits draft-07. */
export function validate(schema: Schema, value: unknown): string[] {
  const draft = String(schema.$schema ?? "").includes("draft-07") ? "7" : "2020-12";
  const result = new Validator(schema, draft, false).validate(value);
  return result.errors.map((error) => `${error.instanceLocation}: ${error.error}`);
}

/** Polls until `check` holds, failing after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every item of an async iterable, e.g. the client's paginating iterators. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** The text of a text content block, failing on any other kind. */
export function textOf(block: unknown): string {
  expect(block).toMatchObject({ type: "text", text: expect.any(String) });
  return (block as { text: string }).text;
}

export const decodeBase64 = (data: string): Buffer => Buffer.from(data, "base64");
