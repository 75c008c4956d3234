import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { McpError } from "mcpkit";
import type { Transport } from "mcpkit";
import { createStreamableHttpClientTransport } from "mcpkit/http";
import { createStdioClientTransport } from "mcpkit/stdio";
import type { StdioClientTransport } from "mcpkit/stdio";
import { Harness, collect, decodeBase64, textOf, until } from "./everything/harness.js";
import { EVERYTHING_ENTRY, startEverythingHttp } from "./everything/server.js";
import type { EverythingHttpServer } from "./everything/server.js";
import { SLOW_TOOLS, TOOL_CHECKS } from "./everything/tool-checks.js";

/*
 * The mcpkit Client against @modelcontextprotocol/server-everything 2026.8.31 (official SDK 1.x, so
 * legacy era only), over stdio and Streamable HTTP: every tool, resource, resource template and
 * prompt it lists, its sampling, elicitation and roots requests answered by our callbacks, logging,
 * progress, subscriptions and completion.
 */

const DOCS = join(dirname(EVERYTHING_ENTRY), "docs");
const MARKER = { MCPKIT_INTEROP: "everything" };

/** Values for the arguments of its prompts; a required argument missing here fails the test. */
const PROMPT_ARGS: Record<string, string> = {
  city: "Lisbon",
  state: "Estremadura",
  department: "Engineering",
  name: "Alice",
  resourceType: "Text",
  resourceId: "2",
};

/** What each prompt must return for PROMPT_ARGS; a prompt missing here fails the test. */
const PROMPT_CHECKS: Record<string, (messages: unknown[]) => void> = {
  "simple-prompt": (messages) =>
    expect(messages).toEqual([
      { role: "user", content: { type: "text", text: "This is a simple prompt without arguments." } },
    ]),
  "args-prompt": (messages) =>
    expect(messages).toEqual([
      { role: "user", content: { type: "text", text: "What's weather in Lisbon, Estremadura?" } },
    ]),
  "completable-prompt": (messages) =>
    expect(messages).toEqual([
      {
        role: "user",
        content: { type: "text", text: "Please promote Alice to the head of the Engineering team." },
      },
    ]),
  "resource-prompt": (messages) => {
    expect(messages).toHaveLength(2);
    expect(textOf((messages[0] as { content: unknown }).content)).toBe(
      "This prompt includes the Text resource with id: 2. Please analyze the following resource:",
    );
    expect(messages[1]).toMatchObject({
      role: "user",
      content: {
        type: "resource",
        resource: { uri: "demo://resource/dynamic/text/2", mimeType: "text/plain", text: expect.any(String) },
      },
    });
  },
};

interface Setup {
  readonly transport: () => Promise<Transport>;
  readonly stop?: () => Promise<void>;
}

function stdioSetup(): Setup {
  let transport: StdioClientTransport | undefined;
  return {
    transport: async () =>
      (transport = createStdioClientTransport({
        command: process.execPath,
        args: [EVERYTHING_ENTRY, "stdio"],
        env: MARKER,
        onStderr: () => undefined,
        shutdownTimeoutMs: 1_000,
      })),
    // client.close() must have ended the server process; never leave it behind.
    stop: async () => {
      const pid = transport?.pid;
      if (pid === undefined || !isRunning(pid)) return;
      process.kill(pid, "SIGKILL");
      throw new Error(`server-everything (pid ${pid}) outlived client.close()`);
    },
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function httpSetup(): Setup {
  let server: EverythingHttpServer | undefined;
  return {
    transport: async () => {
      server = await startEverythingHttp({ env: MARKER });
      return createStreamableHttpClientTransport(server.url);
    },
    stop: async () => server?.stop(),
  };
}

describe.each([
  ["stdio", stdioSetup],
  ["streamable-http", httpSetup],
] as const)("server-everything over %s", { timeout: 15_000 }, (label, makeSetup) => {
  const setup = makeSetup();
  const h = new Harness();

  beforeAll(async () => {
    await h.client.connect(await setup.transport());
    await h.client.setLoggingLevel({ level: "debug" });
  }, 15_000);

  afterAll(async () => {
    try {
      await h.client.close();
    } finally {
      await setup.stop?.();
    }
  }, 10_000);

  it("falls back to the legacy era and reads the server's identity", async () => {
    expect(h.client.era).toBe("legacy");
    expect(h.client.protocolVersion).toBe("2025-11-25");
    expect(h.client.serverInfo).toMatchObject({ name: "mcp-servers/everything", version: "2.0.0" });
    expect(h.client.instructions).toBe(readFileSync(join(DOCS, "instructions.md"), "utf8"));
    expect(h.client.serverCapabilities).toMatchObject({
      tools: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      logging: {},
      completions: {},
    });
    await h.client.ping();
    // Unprompted, ~350 ms after initialization, it asks for our roots (over HTTP: on the GET stream).
    await until(() => h.rootsAsked > 0, "roots/list from the server", 5_000);
    await until(
      () => h.logTexts().includes("Roots updated: 1 root(s) received from client"),
      "the roots log",
    );
  });

  it("calls every tool it lists, with valid arguments, and checks what each returns", async () => {
    const tools = await collect(h.client.iterateTools());
    const listed = tools.map((tool) => tool.name);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(Object.keys(TOOL_CHECKS).sort());

    const run = (tool: (typeof tools)[number]) => TOOL_CHECKS[tool.name]!(h, tool, label);
    const inLine = async () => {
      for (const tool of tools.filter((tool) => !SLOW_TOOLS.has(tool.name))) await run(tool);
    };
    await Promise.all([...tools.filter((tool) => SLOW_TOOLS.has(tool.name)).map(run), inLine()]);
    expect([...h.called].sort()).toEqual([...listed].sort());
    expect(h.errors).toEqual([]);
  });

  it("reads every resource it lists", async () => {
    const resources = await collect(h.client.iterateResources());
    const uris = resources.map((resource) => resource.uri);
    expect(new Set(uris).size).toBe(uris.length);
    // The seven /docs files are static resources; the gzip tool added session resources.
    const statics = resources.filter((resource) =>
      resource.uri.startsWith("demo://resource/static/document/"),
    );
    expect(statics.length).toBeGreaterThanOrEqual(7);
    await Promise.all(
      resources.map(async (resource) => {
        const { contents } = await h.client.readResource({ uri: resource.uri });
        expect(contents).toHaveLength(1);
        const [content] = contents;
        expect(content).toMatchObject({ uri: resource.uri, mimeType: resource.mimeType });
        if (statics.includes(resource)) {
          expect("text" in content! && content.text).toBe(readFileSync(join(DOCS, resource.name), "utf8"));
        } else {
          expect("blob" in content! && decodeBase64(content.blob).length).toBeGreaterThan(0);
        }
      }),
    );
    const unknown = h.client.readResource({ uri: "demo://resource/static/document/missing.md" });
    await expect(unknown).rejects.toBeInstanceOf(McpError);
  });

  it("lists resource templates, reads an expansion of each, completes their variables", async () => {
    const templates = await collect(h.client.iterateResourceTemplates());
    expect(templates.map((template) => template.uriTemplate).sort()).toEqual([
      "demo://resource/dynamic/blob/{resourceId}",
      "demo://resource/dynamic/text/{resourceId}",
    ]);
    for (const template of templates) {
      const uri = template.uriTemplate.replace(/\{(\w+)\}/g, (_, name: string) => {
        expect(name).toBe("resourceId");
        return "7";
      });
      const { contents } = await h.client.readResource({ uri });
      const [content] = contents;
      expect(content).toMatchObject({ uri, mimeType: "text/plain" });
      const body = "text" in content! ? content.text : decodeBase64(content!.blob).toString("utf8");
      expect(body).toMatch(/^Resource 7: This is a (plaintext resource|base64 blob) created at/);

      const completion = await h.client.complete({
        ref: { type: "ref/resource", uri: template.uriTemplate },
        argument: { name: "resourceId", value: "12" },
      });
      expect(completion.completion.values).toEqual(["12"]);
    }
    // A variable the handler refuses (ids are positive integers) is an error, not content.
    const zero = h.client.readResource({ uri: "demo://resource/dynamic/text/0" });
    await expect(zero).rejects.toBeInstanceOf(McpError);
  });

  it("gets every prompt it lists with its arguments, and completes prompt arguments", async () => {
    const prompts = await collect(h.client.iteratePrompts());
    expect(prompts.map((prompt) => prompt.name).sort()).toEqual(Object.keys(PROMPT_CHECKS).sort());
    for (const prompt of prompts) {
      const args: Record<string, string> = {};
      for (const argument of prompt.arguments ?? []) {
        const value = PROMPT_ARGS[argument.name];
        if (argument.required) expect(value, `${prompt.name}: ${argument.name}`).toBeDefined();
        if (value !== undefined) args[argument.name] = value;
      }
      const { messages } = await h.client.getPrompt({ name: prompt.name, arguments: args });
      PROMPT_CHECKS[prompt.name]!(messages);
    }

    const complete = async (
      name: string,
      argument: string,
      value: string,
      context?: Record<string, string>,
    ) => {
      const { completion } = await h.client.complete({
        ref: { type: "ref/prompt", name },
        argument: { name: argument, value },
        ...(context && { context: { arguments: context } }),
      });
      return completion.values;
    };
    expect(await complete("completable-prompt", "department", "Eng")).toEqual(["Engineering"]);
    // The second argument's values depend on the first, passed as context.
    expect(await complete("completable-prompt", "name", "", { department: "Sales" })).toEqual([
      "David",
      "Eve",
      "Frank",
    ]);
    expect(await complete("resource-prompt", "resourceType", "B")).toEqual(["Blob"]);
  });

  it("filters log messages by the level set with logging/setLevel", async () => {
    const uri = "demo://resource/static/document/startup.md";
    const subscribed = `Received Subscribe Resource request for URI: ${uri}`;
    const unsubscribed = `Received Unsubscribe Resource request: ${uri}`;
    // At "error", the info message about our subscription is dropped; at "debug" the next one comes.
    // Both travel the same stream in order, so the second arriving alone shows the first was filtered.
    await h.client.setLoggingLevel({ level: "error" });
    await h.client.subscribeResource({ uri });
    await h.client.setLoggingLevel({ level: "debug" });
    await h.client.unsubscribeResource({ uri });
    await until(() => h.logTexts().some((data) => data.startsWith(unsubscribed)), "the unsubscribe log");
    expect(h.logTexts().some((data) => data.startsWith(subscribed))).toBe(false);
    expect(h.logs.find((log) => String(log.data).startsWith(unsubscribed))).toMatchObject({ level: "info" });
  });
});
