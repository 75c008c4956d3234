import { describe, expect, it } from "vitest";
import { z } from "zod";
import { McpServer } from "mcpkit";
import type { Context, JsonObject } from "mcpkit";
import { connect } from "mcpkit/testing";

/* The handler context in both eras: logs, progress, resource reads, request facts, cancellation. */

function server() {
  const mcp = new McpServer({ name: "ctx", version: "1" });
  let seen: Context | undefined;
  mcp.tool("work", { input: z.object({ steps: z.number() }) }, async ({ steps }, ctx) => {
    seen = ctx;
    await ctx.debug("debug detail");
    for (let step = 1; step <= steps; step++) {
      await ctx.info(`step ${step}`, "worker");
      await ctx.progress(step, steps, `step ${step} of ${steps}`);
    }
    await ctx.error({ code: 7 });
    const config = await ctx.readResource("config://app");
    return `done with ${config[0] && "text" in config[0] ? config[0].text : "?"}`;
  });
  mcp.resource("config://app", () => "config v1");
  mcp.tool("wait_for_cancel", async (_args, ctx) => {
    await new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
    cancelled.push("aborted");
    return "never seen";
  });
  const cancelled: string[] = [];
  return { mcp, cancelled, last: () => seen };
}

function collectLogs(client: Awaited<ReturnType<typeof connect>>): JsonObject[] {
  const logs: JsonObject[] = [];
  client.on("notifications/message", (params) => logs.push(params ?? {}));
  return logs;
}

describe.each(["modern", "legacy"] as const)("context (%s)", (era) => {
  it("sends logs at or above the client's level, progress, and reads resources", async () => {
    const { mcp } = server();
    const client = await connect(mcp, { era });
    const logs = collectLogs(client);
    await client.setLoggingLevel({ level: "info" });
    const progress: unknown[] = [];
    const result = await client.callTool(
      { name: "work", arguments: { steps: 2 } },
      { onProgress: (p) => progress.push(p) },
    );
    expect(result).toMatchObject({ content: [{ type: "text", text: "done with config v1" }] });
    expect(logs).toEqual([
      { level: "info", data: "step 1", logger: "worker" },
      { level: "info", data: "step 2", logger: "worker" },
      { level: "error", data: { code: 7 } },
    ]);
    expect(progress).toEqual([
      { progress: 1, total: 2, message: "step 1 of 2" },
      { progress: 2, total: 2, message: "step 2 of 2" },
    ]);
  });

  it("sends no progress when the client did not ask for it", async () => {
    const { mcp } = server();
    const client = await connect(mcp, { era });
    const progress: unknown[] = [];
    client.on("notifications/progress", (params) => progress.push(params));
    await client.callTool({ name: "work", arguments: { steps: 1 } });
    expect(progress).toEqual([]);
  });

  it("exposes the era, version, client info and capabilities of the request", async () => {
    const { mcp, last } = server();
    const client = await connect(mcp, {
      era,
      clientInfo: { name: "inspector", version: "9" },
      capabilities: { roots: {} },
    });
    await client.callTool({ name: "work", arguments: { steps: 0 } });
    const ctx = last()!;
    expect(ctx.era).toBe(era);
    expect(ctx.protocolVersion).toBe(era === "modern" ? "2026-07-28" : "2025-11-25");
    expect(ctx.clientInfo).toEqual({ name: "inspector", version: "9" });
    expect(ctx.clientCapabilities).toEqual({ roots: {} });
    expect(ctx.requestId).toEqual(expect.any(Number));
  });

  it("aborts the handler's signal when the client cancels", async () => {
    const { mcp, cancelled } = server();
    const client = await connect(mcp, { era });
    const controller = new AbortController();
    const call = client.callTool({ name: "wait_for_cancel", arguments: {} }, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: "aborted" });
    await expect.poll(() => cancelled).toEqual(["aborted"]);
  });
});

describe("log levels per era", () => {
  it("legacy: everything until logging/setLevel, then only what passes", async () => {
    const { mcp } = server();
    const client = await connect(mcp, { era: "legacy" });
    const logs = collectLogs(client);
    await client.callTool({ name: "work", arguments: { steps: 0 } });
    expect(logs.map((log) => log.level)).toEqual(["debug", "error"]);
    await client.setLoggingLevel({ level: "error" });
    await client.callTool({ name: "work", arguments: { steps: 1 } });
    expect(logs.map((log) => log.level)).toEqual(["debug", "error", "error"]);
  });

  it("modern: nothing unless the request carries a log level", async () => {
    const { mcp } = server();
    const client = await connect(mcp, { era: "modern" });
    const logs = collectLogs(client);
    await client.callTool({ name: "work", arguments: { steps: 1 } });
    expect(logs).toEqual([]);
    await client.callTool({
      name: "work",
      arguments: { steps: 0 },
      _meta: { "io.modelcontextprotocol/logLevel": "debug" },
    });
    expect(logs.map((log) => log.level)).toEqual(["debug", "error"]);
  });
});
