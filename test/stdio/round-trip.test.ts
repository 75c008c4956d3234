import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { createStdioClientTransport } from "../../src/stdio/index.js";
import { isRunning, recorder, request } from "./helpers.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/stdio/${name}`, import.meta.url));
const server = fixture("server.mjs");

describe("stdio client and server transports together", { timeout: 5000 }, () => {
  it("keeps stray console output off the protocol stream, and the server exits by itself on EOF", async () => {
    let stderr = "";
    // The fixture imports the TypeScript sources, so it runs under tsx.
    const transport = createStdioClientTransport({
      command: process.execPath,
      args: ["--import", "tsx", server],
      cwd: root,
      onStderr: (chunk) => (stderr += chunk),
      shutdownTimeoutMs: 3000,
    });
    const client = recorder();
    await transport.start(client.handlers);
    await Promise.all([transport.send(request(1, { hello: "wörld" })), transport.send(request(2))]);
    await vi.waitFor(() => expect(client.messages).toHaveLength(2), { timeout: 4000 });

    expect(client.messages).toEqual([
      { jsonrpc: "2.0", id: 1, result: { echo: { hello: "wörld" } } },
      { jsonrpc: "2.0", id: 2, result: { echo: {} } },
    ]);
    expect(client.errors).toEqual([]);
    await vi.waitFor(() => expect(stderr).toContain("stray console.log 2"));
    expect(stderr).toContain("stray console.info");

    const pid = transport.pid!;
    const started = Date.now();
    await transport.close();
    // Well under the 3 s step timeout: the server left on stdin EOF, no signal was needed.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(isRunning(pid)).toBe(false);
    expect(client.closes()).toBe(1);
  });

  it("sends console output to stderr only while the server transport is started", async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", fixture("console-guard.mjs")],
      { cwd: root, timeout: 4000 },
    );
    expect(stdout).toBe("restored log\n");
    expect(stderr).toContain("guarded log\nguarded info\nguarded debug\n{ guarded: 'dir' }\n");
  });
});
