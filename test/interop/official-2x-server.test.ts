import { createMcpHandler } from "@modelcontextprotocol/server";
import type { InMemoryServerEventBus } from "@modelcontextprotocol/server";
import { afterEach, describe, expect, it } from "vitest";
import { Client, McpError } from "mcpkit";
import type { ClientOptions, JsonObject, ServerParams } from "mcpkit";
import { createStreamableHttpClientTransport } from "mcpkit/http";
import { collect, until, validate } from "./everything/harness.js";
import { officialServer, serveOfficial } from "./official-2x/server.js";
import type { Served } from "./official-2x/server.js";

/*
 * The mcpkit Client against a server of the official SDK 2.4.0 served by its `createMcpHandler`
 * (2026-07-28, with the stateless 2025 fallback) on node:http: the auto probe lands in the modern
 * era, input_required rounds (elicitation, roots, sampling; requestState sealed by the official
 * HMAC codec) are answered by our handlers, and a legacy-mode client uses the same endpoint.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A client whose handlers answer every kind of input request, recording what they were asked. */
function newClient(options: ClientOptions = {}) {
  const asked: string[] = [];
  const errors: Error[] = [];
  const client = new Client(
    { name: "mcpkit-official-2x", version: "0.0.0" },
    {
      capabilities: { elicitation: { form: {} }, sampling: {}, roots: {} },
      onError: (error) => errors.push(error),
      ...options,
    },
  );
  client.handle("elicitation/create", (params: ServerParams<"elicitation/create">) => {
    asked.push(`elicit: ${params.message}`);
    return { action: "accept", content: { city: "Lisbon" } };
  });
  client.handle("roots/list", () => {
    asked.push("roots");
    return { roots: [{ uri: "file:///workspace/a" }, { uri: "file:///workspace/b" }] };
  });
  client.handle("sampling/createMessage", (params) => {
    const first = params.messages[0]?.content;
    asked.push(`sample: ${first && "text" in first ? first.text : "?"}`);
    return { role: "assistant", content: { type: "text", text: "ride tram 28" }, model: "test" };
  });
  cleanups.push(() => client.close());
  return { client, asked, errors };
}

/** Serves the official handler and connects a client to it. */
async function connected(options: ClientOptions = {}) {
  const handler = createMcpHandler(officialServer);
  const served = await serveOfficial(handler);
  cleanups.push(() => served.close());
  const session = newClient(options);
  await session.client.connect(createStreamableHttpClientTransport(served.url));
  return { ...session, handler, seen: served.seen };
}

const rpcs = (seen: Served["seen"]) =>
  seen.filter((request) => request.rpc !== undefined).map(({ rpc }) => rpc);

describe("official 2.4.0 createMcpHandler server", { timeout: 10_000 }, () => {
  it("auto mode lands in 2026-07-28, then lists, calls, reads, gets and completes", async () => {
    const { client, errors, seen } = await connected();
    expect(client.era).toBe("modern");
    expect(client.protocolVersion).toBe("2026-07-28");
    expect(client.serverInfo).toEqual({ name: "official-v2", version: "2.4.0" });
    expect(client.instructions).toBe("Ask about the weather.");
    expect(client.serverCapabilities).toMatchObject({
      tools: {},
      resources: { subscribe: true },
      prompts: {},
      logging: {},
      completions: {},
    });
    const discovered = await client.discover();
    expect(discovered.supportedVersions).toContain("2026-07-28");

    const tools = await collect(client.iterateTools());
    expect(tools.map((tool) => tool.name)).toEqual(["weather", "plan_trip", "count"]);
    const weather = await client.callTool({ name: "weather", arguments: { city: "Porto" } });
    expect(weather.structuredContent).toEqual({ city: "Porto", temperatureC: 21.5, conditions: "sunny" });
    expect(validate(tools[0]!.outputSchema as JsonObject, weather.structuredContent)).toEqual([]);
    await expect(client.callTool({ name: "no_such_tool", arguments: {} })).rejects.toBeInstanceOf(McpError);

    expect((await collect(client.iterateResources())).map((resource) => resource.uri)).toEqual([
      "docs://readme",
    ]);
    expect(await client.readResource({ uri: "docs://readme" })).toMatchObject({
      contents: [{ uri: "docs://readme", mimeType: "text/markdown", text: "# Official 2.4.0" }],
    });
    const templates = await collect(client.iterateResourceTemplates());
    expect(templates.map((template) => template.uriTemplate)).toEqual(["greeting://{name}"]);
    expect(await client.readResource({ uri: "greeting://Ada" })).toMatchObject({
      contents: [{ uri: "greeting://Ada", text: "Hello, Ada!" }],
    });
    const names = await client.complete({
      ref: { type: "ref/resource", uri: "greeting://{name}" },
      argument: { name: "name", value: "A" },
    });
    expect(names.completion.values).toEqual(["Ada", "Alan"]);

    const prompts = await collect(client.iteratePrompts());
    expect(prompts).toMatchObject([
      {
        name: "review",
        arguments: [
          { name: "language", required: true },
          { name: "code", required: true },
        ],
      },
    ]);
    const prompt = await client.getPrompt({
      name: "review",
      arguments: { language: "rust", code: "fn main() {}" },
    });
    expect(prompt.messages).toEqual([
      { role: "user", content: { type: "text", text: "Review this rust:\nfn main() {}" } },
    ]);
    const languages = await client.complete({
      ref: { type: "ref/prompt", name: "review" },
      argument: { name: "language", value: "r" },
    });
    expect(languages.completion.values).toEqual(["rust"]);

    // Stateless all the way: no initialize, no GET stream, every POST names the revision.
    expect(seen.every((request) => request.http === "POST" && request.version === "2026-07-28")).toBe(true);
    expect(rpcs(seen)[0]).toBe("server/discover");
    expect(rpcs(seen)).not.toContain("initialize");
    expect(errors).toEqual([]);
  });

  it("answers input_required rounds with our handlers, transparently, requestState sealed by the server", async () => {
    const { client, asked, errors, seen } = await connected();
    const before = rpcs(seen).length;
    const result = await client.callTool({ name: "plan_trip", arguments: { days: 3 } });
    expect(result).toMatchObject({
      content: [{ type: "text", text: "3 days in Lisbon (2 roots): ride tram 28" }],
    });
    expect(result.isError ?? false).toBe(false);
    // Round 1 asked for two inputs at once, round 2 for one, round 3 answered: three POSTs.
    expect(asked).toEqual(["elicit: Where to?", "roots", "sample: One idea for 3 days in Lisbon"]);
    expect(rpcs(seen).slice(before)).toEqual(["tools/call", "tools/call", "tools/call"]);
    expect(errors).toEqual([]);
  });

  it("sends the log level in _meta and gets logs and progress on the SSE response", async () => {
    const { client, errors } = await connected();
    const logs: JsonObject[] = [];
    client.on("notifications/message", (params) => params && logs.push(params));
    const progress: unknown[] = [];
    const count = () =>
      client.callTool(
        { name: "count", arguments: { to: 3 } },
        { onProgress: (update) => progress.push(update) },
      );

    // A 2026-07-28 server logs only to requests that carry a level.
    expect(await count()).toMatchObject({ content: [{ type: "text", text: "counted to 3" }] });
    expect(logs).toEqual([]);
    expect(progress).toEqual([1, 2, 3].map((step) => ({ progress: step, total: 3 })));

    await client.setLoggingLevel({ level: "info" });
    await count();
    expect(logs).toEqual([1, 2, 3].map((step) => ({ level: "info", data: `counted ${step}` })));
    expect(errors).toEqual([]);
  });

  it("subscriptions/listen: change notifications the filter asked for, until the loop ends", async () => {
    const { client, handler, errors } = await connected();
    const bus = handler.bus as InMemoryServerEventBus;
    const stream = client.listen({ toolsListChanged: true, resourceSubscriptions: ["docs://readme"] });
    await stream.ready;
    expect(bus.listenerCount).toBe(1);
    handler.notify.promptsChanged(); // not asked for: never delivered
    handler.notify.resourceUpdated("docs://other");
    handler.notify.toolsChanged();
    handler.notify.resourceUpdated("docs://readme");
    const received: { method: string; uri?: unknown }[] = [];
    for await (const change of stream) {
      received.push({
        method: change.method,
        ...(change.params?.uri !== undefined && { uri: change.params.uri }),
      });
      if (received.length === 2) break;
    }
    expect(received).toEqual([
      { method: "notifications/tools/list_changed" },
      { method: "notifications/resources/updated", uri: "docs://readme" },
    ]);
    // Leaving the loop cancels the listen request: the server drops the subscription.
    await until(() => bus.listenerCount === 0, "the server to drop the subscription");
    expect(errors).toEqual([]);
  });

  it("a legacy-mode client gets the same tools through the stateless 2025 fallback", async () => {
    const { client, asked, errors, seen } = await connected({ mode: "legacy" });
    expect(client.era).toBe("legacy");
    expect(client.protocolVersion).toBe("2025-11-25");
    expect(client.serverInfo).toEqual({ name: "official-v2", version: "2.4.0" });
    expect(rpcs(seen).slice(0, 2)).toEqual(["initialize", "notifications/initialized"]);
    expect(rpcs(seen)).not.toContain("server/discover");

    const tools = await collect(client.iterateTools());
    expect(tools.map((tool) => tool.name)).toEqual(["weather", "plan_trip", "count"]);
    const weather = await client.callTool({ name: "weather", arguments: { city: "Faro" } });
    expect(weather.structuredContent).toEqual({ city: "Faro", temperatureC: 21.5, conditions: "sunny" });
    expect(await client.readResource({ uri: "greeting://Grace" })).toMatchObject({
      contents: [{ text: "Hello, Grace!" }],
    });
    const prompt = await client.getPrompt({
      name: "review",
      arguments: { language: "go", code: "package main" },
    });
    expect(prompt.messages).toHaveLength(1);

    // Per-request legacy serving cannot send requests to the client, so the asking tool says so
    // (the official server's limit, not the client's): our handlers are never called.
    const trip = await client.callTool({ name: "plan_trip", arguments: { days: 2 } });
    expect(trip.isError).toBe(true);
    expect(JSON.stringify(trip.content)).toContain(
      "per-request legacy serving cannot receive server-to-client requests",
    );
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
  });
});
