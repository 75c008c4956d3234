import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ClientGroup, McpServer } from "mcpkit";
import { connect } from "mcpkit/testing";

/* Several servers as one namespace: prefixed names routed back, in both eras at once. */

function weatherServer() {
  const mcp = new McpServer({ name: "weather", version: "1.0.0" });
  mcp.tool("lookup", { input: z.object({ city: z.string() }) }, ({ city }) => `sunny in ${city}`);
  mcp.prompt("report", { args: z.object({ city: z.string() }) }, ({ city }) => `Report on ${city}`);
  mcp.resource("weather://stations", () => "12 stations");
  mcp.resource("weather://city/{name}", ({ name }) => `forecast for ${name}`);
  return mcp;
}

function filesServer() {
  const mcp = new McpServer({ name: "files", version: "1.0.0" });
  // The same tool name as the weather server: the prefixes keep them apart.
  mcp.tool("lookup", { input: z.object({ path: z.string() }) }, ({ path }) => `contents of ${path}`);
  mcp.resource("file:///readme.md", () => "# Read me");
  return mcp;
}

async function group() {
  const weather = await connect(weatherServer(), { era: "modern" });
  const files = await connect(filesServer(), { era: "legacy" });
  return new ClientGroup().add("weather", weather).add("files", files);
}

describe("ClientGroup", () => {
  it("lists the tools of every server under prefixed names and routes calls back", async () => {
    await using servers = await group();
    const { tools } = await servers.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["files__lookup", "weather__lookup"]);
    expect(tools.find((tool) => tool.name === "files__lookup")?.inputSchema).toMatchObject({
      properties: { path: { type: "string" } },
    });
    expect(servers.origin("weather__lookup")).toEqual({ server: "weather", name: "lookup" });
    expect(await servers.callTool({ name: "weather__lookup", arguments: { city: "Paris" } })).toMatchObject({
      content: [{ type: "text", text: "sunny in Paris" }],
    });
    expect(await servers.callTool({ name: "files__lookup", arguments: { path: "/a" } })).toMatchObject({
      content: [{ type: "text", text: "contents of /a" }],
    });
  });

  it("lists on first use, and refuses a name no server offers the way a server would", async () => {
    await using servers = await group();
    // No listTools before: the group lists to learn the route.
    expect(await servers.callTool({ name: "files__lookup", arguments: { path: "/b" } })).toMatchObject({
      content: [{ type: "text", text: "contents of /b" }],
    });
    await expect(servers.callTool({ name: "nobody__lookup", arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: "Unknown tool: nobody__lookup",
    });
    await expect(servers.callTool({ name: "lookup", arguments: {} })).rejects.toMatchObject({ code: -32602 });
  });

  it("prefixes prompts, and routes resource reads by listed URI or matching template", async () => {
    await using servers = await group();
    expect((await servers.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual(["weather__report"]);
    expect(await servers.getPrompt({ name: "weather__report", arguments: { city: "Oslo" } })).toMatchObject({
      messages: [{ role: "user", content: { type: "text", text: "Report on Oslo" } }],
    });
    const { resources } = await servers.listResources();
    expect(resources.map((resource) => resource.uri).sort()).toEqual([
      "file:///readme.md",
      "weather://stations",
    ]);
    expect(await servers.readResource({ uri: "file:///readme.md" })).toMatchObject({
      contents: [{ text: "# Read me" }],
    });
    // Not listed, but the weather server's template matches it (the group lists templates to find out).
    expect(await servers.readResource({ uri: "weather://city/Rome" })).toMatchObject({
      contents: [{ text: "forecast for Rome" }],
    });
    await expect(servers.readResource({ uri: "nowhere://x" })).rejects.toMatchObject({ code: -32002 });
  });

  it("names the server whose listing failed", async () => {
    await using servers = await group();
    await servers.get("files")?.close();
    await expect(servers.listTools()).rejects.toThrow(/^Server "files": /);
  });

  it("takes a custom separator and refuses server names that would break tool names", async () => {
    const weather = await connect(weatherServer());
    await using servers = new ClientGroup({ separator: "." }).add("w", weather);
    expect((await servers.listTools()).tools.map((tool) => tool.name)).toEqual(["w.lookup"]);
    expect(() => servers.add("has space", weather)).toThrow(TypeError);
    expect(() => servers.add("w", weather)).toThrow(/already in the group/);
    expect(servers.remove("w")).toBe(weather);
    expect(servers.servers).toEqual([]);
    await weather.close();
  });
});
