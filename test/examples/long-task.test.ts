import { MetaKey } from "mcpkit";
import type { Client, LogLevel, Progress } from "mcpkit";
import { connect } from "mcpkit/testing";
import { describe, expect, it } from "vitest";
import { mcp } from "../../examples/long-task.js";

/**
 * Sets the client's log level, calls long_task and collects what the client hears meanwhile.
 * A legacy client sends logging/setLevel; a 2026-07-28 one puts the level in every later
 * request's `_meta` ("io.modelcontextprotocol/logLevel").
 */
async function runLongTask(client: Client, files: string[], level: LogLevel) {
  const logs: unknown[] = [];
  const progress: Progress[] = [];
  client.on("notifications/message", (params) => logs.push(params));
  await client.setLoggingLevel({ level });
  const result = await client.callTool(
    { name: "long_task", arguments: { files } },
    { onProgress: (update) => progress.push(update) },
  );
  return { result, logs, progress };
}

describe.each(["modern", "legacy"] as const)("examples/long-task.ts (%s)", (era) => {
  it("logs each file, reports progress and completes", async () => {
    await using client = await connect(mcp, { era });
    const { result, logs, progress } = await runLongTask(client, ["notes.txt", "data.csv"], "info");
    expect(result.content).toEqual([{ type: "text", text: "Processing complete" }]);
    expect(result.isError).toBeUndefined();
    expect(logs).toEqual([
      { level: "info", data: "Processing notes.txt" },
      { level: "info", data: "Processing data.csv" },
    ]);
    expect(progress).toEqual([
      { progress: 0, total: 2 },
      { progress: 1, total: 2 },
      { progress: 2, total: 2 },
    ]);
  });

  it("sends debug messages only when the client asks for them", async () => {
    await using client = await connect(mcp, { era });
    const { logs } = await runLongTask(client, ["todo.md"], "debug");
    expect(logs).toEqual([
      { level: "info", data: "Processing todo.md" },
      { level: "debug", data: "Read 43 characters from todo.md" },
    ]);
  });

  it("sends nothing below the client's level", async () => {
    await using client = await connect(mcp, { era });
    const { result, logs, progress } = await runLongTask(client, ["notes.txt"], "warning");
    expect(result.content).toEqual([{ type: "text", text: "Processing complete" }]);
    expect(logs).toEqual([]);
    expect(progress).toHaveLength(2);
  });

  it("reads the files through the server's own file:// resources", async () => {
    await using client = await connect(mcp, { era });
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual([
      "file://notes.txt",
      "file://todo.md",
      "file://data.csv",
    ]);
    const { contents } = await client.readResource({ uri: "file://data.csv" });
    expect(contents).toEqual([
      { uri: "file://data.csv", mimeType: "text/plain", text: "id,name\n1,Ada\n2,Grace\n" },
    ]);
  });

  it("fails with a tool error naming a file it does not have", async () => {
    await using client = await connect(mcp, { era });
    const { result, logs } = await runLongTask(client, ["notes.txt", "missing.txt"], "info");
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: "text", text: "No such file: missing.txt" }],
    });
    expect(logs).toEqual([
      { level: "info", data: "Processing notes.txt" },
      { level: "info", data: "Processing missing.txt" },
    ]);
  });
});

describe("examples/long-task.ts (modern only)", () => {
  it("a level in one request's _meta wins over the client's level", async () => {
    await using client = await connect(mcp, { era: "modern" });
    const logs: unknown[] = [];
    client.on("notifications/message", (params) => logs.push(params));
    await client.setLoggingLevel({ level: "error" });
    await client.callTool({
      name: "long_task",
      arguments: { files: ["notes.txt"] },
      _meta: { [MetaKey.LogLevel]: "info" },
    });
    expect(logs).toEqual([{ level: "info", data: "Processing notes.txt" }]);
  });

  it("a 2026-07-28 request without a log level gets no log messages, but still its progress", async () => {
    await using client = await connect(mcp, { era: "modern" });
    const logs: unknown[] = [];
    const progress: Progress[] = [];
    client.on("notifications/message", (params) => logs.push(params));
    const result = await client.callTool(
      { name: "long_task", arguments: { files: ["notes.txt"] } },
      { onProgress: (update) => progress.push(update) },
    );
    expect(result.content).toEqual([{ type: "text", text: "Processing complete" }]);
    expect(logs).toEqual([]);
    expect(progress).toEqual([
      { progress: 0, total: 1 },
      { progress: 1, total: 1 },
    ]);
  });
});
