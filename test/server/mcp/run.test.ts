import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { tsxCommand } from "../../helpers/spawn.js";

/* mcp.run({ transport: "http" }): serves Streamable HTTP on 127.0.0.1 and shuts down on SIGTERM. */

describe("mcp.run({ transport: 'http' })", () => {
  it("serves on loopback at /mcp, then exits cleanly on SIGTERM", async () => {
    const { command, args, cwd } = tsxCommand("test/fixtures/servers/run-http.ts");
    const child = spawn(command, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
    const stderr: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr.join("\n")}`)), 10_000);
      createInterface({ input: child.stderr }).on("line", (line) => {
        stderr.push(line);
        const match = /serving MCP at (\S+)/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

    const client = new Client({ name: "run-test", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const result = await client.callTool({ name: "add", arguments: { a: 20, b: 22 } });
    expect(result.content).toEqual([{ type: "text", text: "42" }]);
    await client.close();

    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stderr).toContain("[fixture] run() returned after shutdown");
  });
});
