import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SdkError, SdkErrorCode } from "../../src/jsonrpc/index.js";
import { createStdioClientTransport } from "../../src/stdio/index.js";
import type { StdioClientTransport, StdioClientTransportOptions } from "../../src/stdio/index.js";
import { isRunning, recorder, request } from "./helpers.js";

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/stdio/${name}`, import.meta.url));

const open: StdioClientTransport[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((transport) => transport.close()));
});

async function startFixture(name: string, options: Partial<StdioClientTransportOptions> = {}) {
  const transport = createStdioClientTransport({
    command: process.execPath,
    args: [fixture(name)],
    ...options,
  });
  open.push(transport);
  const record = recorder();
  await transport.start(record.handlers);
  return { transport, ...record };
}

const method = (message: unknown): unknown => (message as { method?: string }).method;

describe("createStdioClientTransport", { timeout: 5000 }, () => {
  it("round-trips requests and batches through an echo server, then shuts it down via stdin EOF", async () => {
    const client = await startFixture("echo.mjs");
    const pid = client.transport.pid!;
    expect(isRunning(pid)).toBe(true);
    await Promise.all([
      client.transport.send(request(1, { n: 1 })),
      client.transport.send([request(2), request(3)]),
    ]);
    await vi.waitFor(() => expect(client.messages).toHaveLength(3));
    expect(client.messages[0]).toEqual({ jsonrpc: "2.0", id: 1, result: { echo: { n: 1 } } });
    expect(client.messages.map((message) => (message as { id: number }).id)).toEqual([1, 2, 3]);
    const started = Date.now();
    await client.transport.close();
    expect(Date.now() - started).toBeLessThan(1500);
    expect(client.closes()).toBe(1);
    expect(client.errors).toEqual([]);
    expect(isRunning(pid)).toBe(false);
    await expect(client.transport.send(request(4))).rejects.toMatchObject({ code: SdkErrorCode.Closed });
  });

  it("reports bad lines from the server without answering them, and keeps reading", async () => {
    const client = await startFixture("echo.mjs", { maxLineBytes: 100 });
    await client.transport.send({ jsonrpc: "2.0", method: "garbage" });
    await client.transport.send({ jsonrpc: "2.0", id: 9, method: "stats" });
    await vi.waitFor(() => expect(client.messages).toHaveLength(1));
    // The server saw our two lines only: no -32700 answer went back to it.
    expect(client.messages[0]).toEqual({ jsonrpc: "2.0", id: 9, result: { received: 2 } });
    expect(client.errors).toHaveLength(2);
    expect(client.errors.map((error) => (error as SdkError).code)).toEqual([
      SdkErrorCode.Protocol,
      SdkErrorCode.Protocol,
    ]);
    expect(client.errors[1]?.message).toContain("100 bytes");
  });

  it("names its server by command, arguments, directory and extra environment (the era memory's key)", () => {
    const peer = (options: StdioClientTransportOptions) => createStdioClientTransport(options).peer;
    const base = { command: "node", args: ["server.js"], cwd: "/srv" };
    expect(peer(base)).toBe(peer({ ...base }));
    expect(peer({ ...base, env: { A: "1", B: "2" } })).toBe(peer({ ...base, env: { B: "2", A: "1" } }));
    const others = [
      peer({ ...base, args: ["server.js", "--legacy"] }),
      peer({ ...base, cwd: "/other" }),
      peer({ ...base, env: { MODE: "legacy" } }),
      peer({ ...base, command: "bun" }),
    ];
    expect(new Set([peer(base), ...others]).size).toBe(5);
  });

  it("rejects a send before start", async () => {
    const transport = createStdioClientTransport({ command: process.execPath });
    await expect(transport.send(request(1))).rejects.toMatchObject({ code: SdkErrorCode.NotConnected });
  });

  it("passes only allow-listed variables plus options.env to the server", async () => {
    const saved = { secret: process.env.MCPKIT_TEST_SECRET, term: process.env.TERM };
    process.env.MCPKIT_TEST_SECRET = "do-not-leak";
    process.env.TERM = "() { echo pwned; }";
    try {
      const client = await startFixture("env.mjs", { env: { EXTRA_SETTING: "yes" } });
      await vi.waitFor(() => expect(client.messages).toHaveLength(1));
      const env = (client.messages[0] as { params: Record<string, string> }).params;
      expect(env.MCPKIT_TEST_SECRET).toBeUndefined();
      expect(env.TERM).toBeUndefined();
      expect(env.EXTRA_SETTING).toBe("yes");
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      for (const [name, value] of [
        ["MCPKIT_TEST_SECRET", saved.secret],
        ["TERM", saved.term],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it("delivers the server's stderr as text to onStderr, never as an error", async () => {
    let stderr = "";
    const client = await startFixture("stderr.mjs", { onStderr: (chunk) => (stderr += chunk) });
    await vi.waitFor(() => expect(client.messages.map(method)).toEqual(["ready"]));
    expect(stderr).toBe("starting up: héllo from stderr\nsecond log line\n");
    expect(client.errors).toEqual([]);
  });

  it("rejects start with a clear error when the command does not exist", async () => {
    const transport = createStdioClientTransport({ command: "mcpkit-no-such-command-xyz" });
    const error = await transport.start(recorder().handlers).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toMatchObject({
      code: SdkErrorCode.Transport,
      message: "Cannot start 'mcpkit-no-such-command-xyz': command not found",
      cause: { code: "ENOENT" },
    });
    await transport.close();
  });

  it("names a missing working directory and a file that is not executable", async () => {
    const badCwd = createStdioClientTransport({ command: process.execPath, cwd: "/no/such/dir/mcpkit" });
    await expect(badCwd.start(recorder().handlers)).rejects.toThrow(
      "Cannot start '" + process.execPath + "': working directory '/no/such/dir/mcpkit' does not exist",
    );
    if (process.platform === "win32") return;
    const notExecutable = createStdioClientTransport({ command: fixture("echo.mjs") });
    await expect(notExecutable.start(recorder().handlers)).rejects.toMatchObject({
      code: SdkErrorCode.Transport,
      message: expect.stringContaining("permission denied"),
      cause: { code: "EACCES" },
    });
  });

  it("kills a server that ignores stdin EOF and SIGTERM", async () => {
    const client = await startFixture("stubborn.mjs", { shutdownTimeoutMs: 300 });
    await vi.waitFor(() => expect(client.messages.map(method)).toEqual(["ready"]));
    const pid = client.transport.pid!;
    const started = Date.now();
    await client.transport.close();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(2500);
    expect(isRunning(pid)).toBe(false);
    expect(client.closes()).toBe(1);
  });

  it("ends the server's grandchildren too, even one holding the stdout pipe", async () => {
    const client = await startFixture("grandchild.mjs", { shutdownTimeoutMs: 300 });
    await vi.waitFor(() => expect(client.messages).toHaveLength(1));
    const grandchild = (client.messages[0] as { params: { pid: number } }).params.pid;
    expect(isRunning(grandchild)).toBe(true);
    await client.transport.close();
    expect(isRunning(grandchild)).toBe(false);
    expect(client.closes()).toBe(1);
  });

  it("closes when the server crashes and rejects sends still waiting for the pipe", async () => {
    const client = await startFixture("stalled-crash.mjs");
    await vi.waitFor(() => expect(client.messages.map(method)).toEqual(["ready"]));
    // The server never reads: 2 MiB fills the pipe, so this send waits for 'drain' until the crash.
    const big = client.transport.send(request(1, { blob: "x".repeat(2 * 1024 * 1024) }));
    const queued = client.transport.send(request(2));
    await expect(big).rejects.toMatchObject({ code: SdkErrorCode.Closed });
    await expect(queued).rejects.toMatchObject({ code: SdkErrorCode.Closed });
    await vi.waitFor(() => expect(client.closes()).toBe(1));
    expect(client.errors.map((error) => error.message)).toContain("Server process exited with code 3");
  });

  it("closes once when the server exits on its own", async () => {
    const client = await startFixture("echo.mjs");
    await client.transport.send({ jsonrpc: "2.0", method: "crash", params: { code: 0 } });
    await vi.waitFor(() => expect(client.closes()).toBe(1));
    await client.transport.close();
    expect(client.closes()).toBe(1);
    expect(client.errors).toEqual([]);
  });
});
