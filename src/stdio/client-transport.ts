import type { ChildProcess } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import type { JsonRpcPayload } from "../jsonrpc/index.js";
import type { Transport, TransportHandlers } from "../transport/index.js";
import type { LineSplitter } from "../util/line-splitter.js";
import { toError } from "../util/to-error.js";
import { DEFAULT_MAX_LINE_BYTES, createJsonLineReader } from "./json-lines.js";
import { LineWriter } from "./line-writer.js";
import { childEnvironment, release, spawnDetached, spawned, toStartError } from "./child-process.js";
import { childProcessModule } from "./child-process-module.js";
import { reapGroup, settlesWithin, signalTree } from "./process-tree.js";

/** Options of {@link createStdioClientTransport}. */
export interface StdioClientTransportOptions {
  /** The server executable; run directly, never through a shell. */
  readonly command: string;
  readonly args?: readonly string[];
  /** Added on top of the safe inherited variables (HOME, PATH, USER, ...); nothing else is inherited. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Receives the server's stderr as text (logs, not errors). Default: passed through to our stderr. */
  readonly onStderr?: (chunk: string) => void;
  /** Longest accepted line from the server in bytes; longer ones are reported and skipped. Default 4 MiB. */
  readonly maxLineBytes?: number;
  /** How long each shutdown step (stdin closed, SIGTERM, SIGKILL) waits for the exit. Default 2000. */
  readonly shutdownTimeoutMs?: number;
}

/** A stdio client transport; `pid` is the server process id once started. */
export interface StdioClientTransport extends Transport {
  readonly pid: number | undefined;
}

/** After the server exits on its own, how long output still in the pipe may take to arrive. */
const EXIT_DRAIN_MS = 100;

class ChildProcessTransport implements StdioClientTransport {
  readonly #options: StdioClientTransportOptions;
  readonly #timeoutMs: number;
  readonly #reader: LineSplitter;
  #handlers: TransportHandlers | undefined;
  #child: ChildProcess | undefined;
  #writer: LineWriter | undefined;
  #starting: Promise<void> | undefined;
  #open = false;
  #closing: Promise<void> | undefined;
  #closeRequested = false;
  #signalled = false;
  #exited = false;
  #markExited!: () => void;
  readonly #exit = new Promise<void>((resolve) => (this.#markExited = resolve));
  #markStdoutEnded!: () => void;
  readonly #stdoutEnded = new Promise<void>((resolve) => (this.#markStdoutEnded = resolve));

  constructor(options: StdioClientTransportOptions) {
    this.#options = options;
    this.#timeoutMs = options.shutdownTimeoutMs ?? 2000;
    this.#reader = createJsonLineReader(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, {
      onMessage: (value) => this.#deliver(value),
      onInvalid: (invalid) => this.#report(invalid.error),
    });
  }

  /**
   * The command line, working directory and extra environment: the same server is started the
   * same way (a variable can switch a server's behaviour, so it is part of the name).
   */
  get peer(): string {
    const { command, args = [], cwd, env = {} } = this.#options;
    const variables = Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `stdio:${JSON.stringify([cwd ?? "", command, args, variables])}`;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  start(handlers: TransportHandlers): Promise<void> {
    if (this.#handlers) {
      return Promise.reject(new SdkError(SdkErrorCode.AlreadyConnected, "Transport already started"));
    }
    if (this.#closing) return Promise.reject(new SdkError(SdkErrorCode.Closed, "Stdio transport is closed"));
    this.#handlers = handlers;
    return (this.#starting = this.#spawn());
  }

  send(payload: JsonRpcPayload): Promise<void> {
    if (!this.#writer || !this.#open) {
      const closed = this.#closing !== undefined;
      const error = closed
        ? new SdkError(SdkErrorCode.Closed, "Stdio transport is closed")
        : new SdkError(SdkErrorCode.NotConnected, "Transport not started");
      return Promise.reject(error);
    }
    return this.#writer.write(payload);
  }

  close(): Promise<void> {
    this.#closeRequested = true;
    const started = (this.#starting ?? Promise.resolve()).catch(() => {});
    return (this.#closing ??= started.then(() => this.#shutdown()));
  }

  async #spawn(): Promise<void> {
    const { command, args = [], cwd, onStderr } = this.#options;
    try {
      const { spawn } = await childProcessModule();
      const child = spawn(command, args, {
        cwd,
        env: childEnvironment(this.#options.env),
        stdio: ["pipe", "pipe", onStderr ? "pipe" : "inherit"],
        detached: spawnDetached,
        windowsHide: true,
      });
      this.#child = child;
      this.#writer = this.#attach(child);
      await spawned(child);
    } catch (error) {
      if (this.#child) release(this.#child);
      throw await toStartError(command, cwd, error);
    }
    this.#open = true;
    if (this.#exited) this.#closing ??= this.#shutdown();
  }

  #attach(child: ChildProcess): LineWriter {
    const { stdin, stdout, stderr } = child as ChildProcess & { stdin: Writable; stdout: Readable };
    stdout.on("data", (chunk: Uint8Array) => this.#reader.push(chunk));
    stdout.on("end", this.#onStdoutEnd);
    stdout.on("error", this.#onStdoutEnd);
    stdin.on("error", (error) => this.#stopWriting(error));
    stdin.on("close", () => this.#stopWriting());
    const onStderr = this.#options.onStderr;
    if (stderr && onStderr) {
      stderr.setEncoding("utf8");
      stderr.on("data", (text: string) => this.#guarded(() => onStderr(text)));
    }
    child.on("exit", this.#onExit);
    child.on("error", (error) =>
      this.#report(new SdkError(SdkErrorCode.Transport, error.message, { cause: error })),
    );
    return new LineWriter(stdin);
  }

  /** One path for every ending: user close, the server exiting, or it closing its pipes. */
  async #shutdown(): Promise<void> {
    const child = this.#child;
    if (!this.#open || !child) return;
    if (!this.#exited) await this.#stop(child);
    this.#writer?.fail(new SdkError(SdkErrorCode.Closed, "Stdio transport is closed"));
    if (!this.#closeRequested) await settlesWithin(this.#stdoutEnded, EXIT_DRAIN_MS);
    if (child.pid !== undefined) await reapGroup(child.pid, this.#timeoutMs);
    release(child);
    this.#open = false;
    this.#handlers?.onClose();
  }

  /** The spec's shutdown: close stdin and wait, then SIGTERM and wait, then SIGKILL (the whole tree). */
  async #stop(child: ChildProcess): Promise<void> {
    void this.#writer?.end();
    if (child.stdin && !child.stdin.destroyed) child.stdin.end();
    if (await settlesWithin(this.#exit, this.#timeoutMs)) return;
    this.#signal(child, "SIGTERM");
    if (await settlesWithin(this.#exit, this.#timeoutMs)) return;
    this.#signal(child, "SIGKILL");
    await settlesWithin(this.#exit, this.#timeoutMs);
  }

  #signal(child: ChildProcess, signal: "SIGTERM" | "SIGKILL"): void {
    this.#signalled = true;
    if (child.pid !== undefined) signalTree(child.pid, signal);
    if (signal === "SIGKILL") child.kill("SIGKILL");
  }

  #deliver(value: unknown): void {
    if (!this.#open || this.#closeRequested) return;
    this.#guarded(() => this.#handlers?.onMessage(value));
  }

  #report(error: Error): void {
    if (this.#open && !this.#closeRequested) this.#handlers?.onError(error);
  }

  #guarded(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.#report(toError(error));
    }
  }

  readonly #onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    this.#exited = true;
    this.#markExited();
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    this.#writer?.fail(new SdkError(SdkErrorCode.Closed, `Server process ${how}`));
    if (!this.#signalled && (code !== 0 || signal)) {
      this.#report(new SdkError(SdkErrorCode.Transport, `Server process ${how}`));
    }
    if (this.#open) this.#closing ??= this.#shutdown();
  };

  /** The server closed its stdout: per the spec it is shutting down, so we finish the shutdown. */
  readonly #onStdoutEnd = (): void => {
    this.#reader.end();
    this.#markStdoutEnded();
    if (this.#open) this.#closing ??= this.#shutdown();
  };

  /** The server's stdin broke or closed: nothing more can be sent, so the connection is over. */
  #stopWriting(cause?: Error): void {
    const error = new SdkError(SdkErrorCode.Closed, "Server process stopped reading", cause && { cause });
    this.#writer?.fail(error);
    if (this.#open) this.#closing ??= this.#shutdown();
  }
}

/**
 * The client side of the stdio transport: spawns an MCP server (no shell) and talks newline-delimited
 * JSON-RPC over its stdin/stdout. `close()` ends stdin, then escalates to SIGTERM and SIGKILL of the
 * server's whole process tree. On Windows, run `.cmd` launchers such as `npx` via `cmd /c`.
 *
 * @example
 * const transport = createStdioClientTransport({ command: "node", args: ["server.js"], env: { API_KEY: "..." } });
 * await transport.start({ onMessage: console.log, onClose: () => {}, onError: console.error });
 * await transport.send({ jsonrpc: "2.0", id: 1, method: "server/discover" });
 * await transport.close();
 */
export function createStdioClientTransport(options: StdioClientTransportOptions): StdioClientTransport {
  return new ChildProcessTransport(options);
}
