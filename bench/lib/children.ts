import { spawn } from "node:child_process";
import type { ChildProcess, StdioOptions } from "node:child_process";

/** Every child the bench started and has not reaped yet, so a crash or Ctrl-C leaves none behind. */
const live = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const child of live) child.kill("SIGKILL");
}

/** Options of {@link spawnNode}. */
export interface SpawnNodeOptions {
  readonly args?: readonly string[];
  readonly nodeFlags?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Adds an IPC channel (HTTP servers report their port and heap through it). */
  readonly ipc?: boolean;
  /** Where the child's stderr goes; default: piped, so markers and errors can be read. */
  readonly stderr?: "pipe" | "inherit";
}

/** Starts `node <flags> <entry> <args>` with piped stdio. */
export function spawnNode(entry: string, options: SpawnNodeOptions = {}): ChildProcess {
  if (!hooked) {
    hooked = true;
    process.once("exit", killAll);
  }
  const stdio: StdioOptions = ["pipe", "pipe", options.stderr ?? "pipe"];
  if (options.ipc) stdio.push("ipc");
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), entry, ...(options.args ?? [])], {
    stdio,
    env: { ...process.env, ...options.env },
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
}

/** Ends a child: closes its stdin (stdio servers exit on EOF), then SIGTERM, then SIGKILL. */
export async function stopChild(child: ChildProcess, graceMs = 2_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdin?.end();
  const term = setTimeout(() => child.kill("SIGTERM"), graceMs);
  const kill = setTimeout(() => child.kill("SIGKILL"), graceMs * 2);
  await exited;
  clearTimeout(term);
  clearTimeout(kill);
}

/** Collects a child's stderr text (for error messages and the `@@bench` markers servers print). */
export function collectStderr(child: ChildProcess): { readonly text: () => string } {
  let text = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    // Keep the tail only: a chatty child must not grow the bench's heap.
    text = (text + chunk).slice(-64_000);
  });
  return { text: () => text };
}
