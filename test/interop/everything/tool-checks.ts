import { gunzipSync } from "node:zlib";
import type { Schema } from "@cfworker/json-schema";
import { expect } from "vitest";
import { McpError, SdkErrorCode } from "mcpkit";
import type { JsonObject, Progress } from "mcpkit";
import { ELICITED, SAMPLED, decodeBase64, textOf, until, validate } from "./harness.js";
import type { CallToolResult, Harness, Tool } from "./harness.js";

/** One tool's check: calls it (through `h.call`) with valid arguments and asserts on what it returns. */
export interface ToolCheck {
  (h: Harness, tool: Tool, label: string): Promise<void>;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const GZIP_INPUT = "mcpkit interop: gzip me, then read me back as a session resource.\n".repeat(20);

function expectPng(block: unknown, annotations?: JsonObject): void {
  expect(block).toMatchObject({ type: "image", mimeType: "image/png", data: expect.any(String) });
  if (annotations) expect(block).toMatchObject({ annotations });
  const bytes = decodeBase64((block as { data: string }).data);
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(bytes.length).toBeGreaterThan(100);
}

function expectOk(result: CallToolResult): CallToolResult {
  expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
  return result;
}

/** Reads what a resource_link or embedded resource points at and returns its single content. */
async function readOne(h: Harness, uri: string) {
  const { contents } = await h.client.readResource({ uri });
  expect(contents).toHaveLength(1);
  expect(contents[0]!.uri).toBe(uri);
  return contents[0]!;
}

/**
 * A check per tool server-everything lists for a client with our capabilities. The test fails when
 * the server lists a tool missing here (or this lists one the server no longer has).
 */
export const TOOL_CHECKS: Record<string, ToolCheck> = {
  echo: async (h, tool) => {
    const result = expectOk(await h.call(tool, { message: "héllo from mcpkit ✓" }));
    expect(result.content).toEqual([{ type: "text", text: "Echo: héllo from mcpkit ✓" }]);
  },

  "get-sum": async (h, tool) => {
    const result = expectOk(await h.call(tool, { a: 19.5, b: 22.5 }));
    expect(textOf(result.content[0])).toBe("The sum of 19.5 and 22.5 is 42.");
  },

  "get-env": async (h, tool) => {
    const result = expectOk(await h.call(tool, {}));
    const env = JSON.parse(textOf(result.content[0])) as Record<string, string>;
    expect(env.MCPKIT_INTEROP).toBe("everything");
  },

  "get-tiny-image": async (h, tool) => {
    const { content } = expectOk(await h.call(tool, {}));
    expect(content).toHaveLength(3);
    expect(textOf(content[0])).toBe("Here's the image you requested:");
    expectPng(content[1]);
    expect(textOf(content[2])).toBe("The image above is the MCP logo.");
  },

  "get-annotated-message": async (h, tool) => {
    const { content } = expectOk(await h.call(tool, { messageType: "error", includeImage: true }));
    expect(content[0]).toEqual({
      type: "text",
      text: "Error: Operation failed",
      annotations: { priority: 1, audience: ["user", "assistant"] },
    });
    expectPng(content[1], { priority: 0.5, audience: ["user"] });
  },

  "get-structured-content": async (h, tool) => {
    const result = expectOk(await h.call(tool, { location: "Chicago" }));
    const weather = { temperature: 36, conditions: "Light rain / drizzle", humidity: 82 };
    expect(result.structuredContent).toEqual(weather);
    expect(tool.outputSchema).toBeDefined();
    expect(validate(tool.outputSchema as Schema, result.structuredContent)).toEqual([]);
    // The backward-compatible text block carries the same object.
    expect(JSON.parse(textOf(result.content[0]))).toEqual(weather);
  },

  "get-resource-links": async (h, tool) => {
    const { content } = expectOk(await h.call(tool, { count: 4 }));
    expect(textOf(content[0])).toBe("Here are 4 resource links to resources available in this server:");
    const links = content.slice(1);
    expect(links.map((link) => link.type)).toEqual(Array(4).fill("resource_link"));
    for (const [index, link] of links.entries()) {
      const id = index + 1;
      const kind = id % 2 === 0 ? "text" : "blob";
      expect(link).toMatchObject({ uri: `demo://resource/dynamic/${kind}/${id}`, mimeType: "text/plain" });
      const read = await readOne(h, `demo://resource/dynamic/${kind}/${id}`);
      const body = "text" in read ? read.text : decodeBase64(read.blob).toString("utf8");
      expect(body).toMatch(
        new RegExp(`^Resource ${id}: This is a (plaintext resource|base64 blob) created at`),
      );
    }
  },

  "get-resource-reference": async (h, tool) => {
    const { content } = expectOk(await h.call(tool, { resourceType: "Blob", resourceId: 3 }));
    expect(textOf(content[0])).toBe("Returning resource reference for Resource 3:");
    expect(content[1]).toMatchObject({
      type: "resource",
      resource: { uri: "demo://resource/dynamic/blob/3", mimeType: "text/plain", blob: expect.any(String) },
    });
    const { blob } = (content[1] as { resource: { blob: string } }).resource;
    expect(decodeBase64(blob).toString("utf8")).toMatch(/^Resource 3: This is a base64 blob created at/);
    expect(textOf(content[2])).toBe(
      "You can access this resource using the URI: demo://resource/dynamic/blob/3",
    );
  },

  "gzip-file-as-resource": async (h, tool, label) => {
    const data = `data:text/plain;base64,${Buffer.from(GZIP_INPUT).toString("base64")}`;
    const name = `mcpkit-${label}.txt.gz`;
    const linked = expectOk(await h.call(tool, { name, data, outputType: "resourceLink" }));
    const uri = `demo://resource/session/${name}`;
    expect(linked.content).toEqual([{ type: "resource_link", uri, name, mimeType: "application/gzip" }]);
    const read = await readOne(h, uri);
    expect(read.mimeType).toBe("application/gzip");
    expect("blob" in read && gunzipSync(decodeBase64(read.blob)).toString("utf8")).toBe(GZIP_INPUT);
    // The server registered a resource at run time: it says so, and lists it.
    await until(() => h.listChanged.includes("resources"), "notifications/resources/list_changed");

    const embedded = expectOk(await h.call(tool, { name, data, outputType: "resource" }));
    expect(embedded.content[0]).toMatchObject({
      type: "resource",
      resource: { uri, mimeType: "application/gzip" },
    });
    const { blob } = (embedded.content[0] as { resource: { blob: string } }).resource;
    expect(gunzipSync(decodeBase64(blob)).toString("utf8")).toBe(GZIP_INPUT);
  },

  "trigger-long-running-operation": async (h, tool) => {
    const progress: Progress[] = [];
    const result = expectOk(
      await h.call(tool, { duration: 0.3, steps: 3 }, { onProgress: (update) => progress.push(update) }),
    );
    expect(textOf(result.content[0])).toBe(
      "Long running operation completed. Duration: 0.3 seconds, Steps: 3.",
    );
    expect(progress).toEqual([1, 2, 3].map((step) => ({ progress: step, total: 3 })));

    // Aborting at the first progress rejects the call at once (and tells the server).
    const abort = new AbortController();
    const started = Date.now();
    const cancelled = h.call(
      tool,
      { duration: 3, steps: 6 },
      { signal: abort.signal, onProgress: () => abort.abort() },
    );
    await expect(cancelled).rejects.toMatchObject({ name: "SdkError", code: SdkErrorCode.Aborted });
    expect(Date.now() - started).toBeLessThan(2_000);
  },

  "toggle-simulated-logging": async (h, tool) => {
    const before = h.logs.length;
    const started = expectOk(await h.call(tool, {}));
    expect(textOf(started.content[0])).toMatch(/^Started simulated, random-leveled logging/);
    // One message goes out at once, at a random level; our level (debug) lets every level through.
    await until(
      () =>
        h
          .logTexts()
          .slice(before)
          .some((data) => /level[- ]message/.test(data)),
      "a simulated log message",
    );
    const stopped = expectOk(await h.call(tool, {}));
    expect(textOf(stopped.content[0])).toMatch(/^Stopped simulated logging/);
  },

  "toggle-subscriber-updates": async (h, tool) => {
    const uri = "demo://resource/static/document/features.md";
    await h.client.subscribeResource({ uri });
    const started = expectOk(await h.call(tool, {}));
    expect(textOf(started.content[0])).toMatch(/^Started simulated resource updated notifications/);
    // The first round of updates is sent at once, for every resource we subscribed to.
    await until(() => h.updated.includes(uri), `notifications/resources/updated for ${uri}`);
    const stopped = expectOk(await h.call(tool, {}));
    expect(textOf(stopped.content[0])).toMatch(/^Stopped simulated resource updates/);
    await h.client.unsubscribeResource({ uri });
  },

  "get-roots-list": async (h, tool) => {
    // The server asks for roots ~350 ms after initialization (or on this call, if it has not yet).
    const first = expectOk(await h.call(tool, {}));
    expect(textOf(first.content[0])).toContain(
      "Current MCP Roots (1 total):\n\n1. mcpkit\n   URI: file:///workspace/mcpkit",
    );
    expect(h.rootsAsked).toBeGreaterThanOrEqual(1);

    // roots/list_changed makes it ask again; it logs once it has stored the new list.
    const asked = h.rootsAsked;
    h.roots = [...h.roots, { uri: "file:///workspace/docs", name: "docs" }];
    await h.client.notify("notifications/roots/list_changed");
    await until(
      () => h.logTexts().includes("Roots updated: 2 root(s) received from client"),
      "the roots log",
    );
    expect(h.rootsAsked).toBeGreaterThan(asked);
    const second = expectOk(await h.call(tool, {}));
    expect(textOf(second.content[0])).toContain("Current MCP Roots (2 total)");
    expect(textOf(second.content[0])).toContain("2. docs\n   URI: file:///workspace/docs");
  },

  "trigger-sampling-request": async (h, tool) => {
    const before = h.sampling.length;
    const result = expectOk(await h.call(tool, { prompt: "Say hello", maxTokens: 32 }));
    expect(h.sampling.slice(before)).toEqual([
      expect.objectContaining({
        messages: [
          {
            role: "user",
            content: { type: "text", text: "Resource trigger-sampling-request context: Say hello" },
          },
        ],
        systemPrompt: "You are a helpful test server.",
        maxTokens: 32,
      }),
    ]);
    // The tool returns what our callback answered, as JSON after a fixed prefix.
    const text = textOf(result.content[0]);
    expect(text.startsWith("LLM sampling result: \n")).toBe(true);
    expect(JSON.parse(text.slice("LLM sampling result: \n".length))).toEqual(SAMPLED);
  },

  "trigger-elicitation-request": async (h, tool) => {
    const before = h.elicitations.length;
    const { content } = expectOk(await h.call(tool, {}));
    const asked = h.elicitations.slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      message: "Please provide inputs for the following fields:",
      requestedSchema: { type: "object", required: ["name"] },
    });
    expect(textOf(content[0])).toBe("✅ User provided the requested information!");
    expect(textOf(content[1])).toBe(
      `User inputs:\n- Name: ${ELICITED.name}\n- Agreed to terms: true\n- Email: ${ELICITED.email}\n- Favorite Integer: 7`,
    );
    expect(textOf(content[2])).toContain('"action": "accept"');
  },

  "trigger-url-elicitation": async (h, tool, label) => {
    const url = "https://example.com/mcpkit/consent";
    const before = h.elicitations.length;
    const accepted = expectOk(await h.call(tool, { url, message: "Please consent" }));
    const [asked] = h.elicitations.slice(before);
    expect(asked).toMatchObject({
      mode: "url",
      url,
      message: "Please consent",
      elicitationId: expect.any(String),
    });
    expect(textOf(accepted.content[0])).toBe(
      `✅ User completed the URL elicitation flow.\nElicitation ID: ${(asked as { elicitationId: string }).elicitationId}\nURL: ${url}`,
    );

    // The error path: -32042 with the prerequisite URL elicitation in its data, then the retry succeeds.
    const args = { url, elicitationId: `mcpkit-${label}`, errorPath: true };
    const error = await h.call(tool, args).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(McpError);
    expect(error).toMatchObject({
      code: -32042,
      data: { elicitations: [{ mode: "url", url: "https://modelcontextprotocol.io" }] },
    });
    const retried = expectOk(await h.call(tool, args));
    expect(textOf(retried.content[0])).toContain(`Elicitation ID: mcpkit-${label}`);
  },

  "simulate-research-query": async (h, tool) => {
    // taskSupport "required": a plain call is refused (as a tool error) ...
    const refused = await h.call(tool, { topic: "MCP interop" });
    expect(refused.isError).toBe(true);
    expect(textOf(refused.content[0])).toMatch(/requires task augmentation/);
    // ... and a task-augmented one runs as a task: tools/call -> tasks/get until completed -> tasks/result.
    const method: string = "tools/call";
    const created = await h.client.request(method, {
      name: tool.name,
      arguments: { topic: "MCP interop" },
      task: { ttl: 60_000 },
    });
    expect(created).toMatchObject({ task: { taskId: expect.any(String), status: "working" } });
    const { taskId } = (created as { task: { taskId: string } }).task;
    let status = "working";
    const deadline = Date.now() + 10_000;
    while (status === "working") {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = String((await h.client.request("tasks/get", { taskId })).status);
    }
    expect(status).toBe("completed");
    const result = (await h.client.request("tasks/result", { taskId })) as CallToolResult;
    expect(textOf(result.content[0])).toMatch(/^# Research Report: MCP interop\n/);
  },
};

/** Tools slow enough (seconds) to run alongside the others rather than in line. */
export const SLOW_TOOLS = new Set(["simulate-research-query"]);
