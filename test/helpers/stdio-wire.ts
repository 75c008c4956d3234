import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { tsxCommand } from "./spawn.js";

/**
 * Raw newline-delimited JSON over a child's stdio, for tests that assert the exact bytes a
 * server answers, including to input no SDK client would send.
 */
export class StdioWire {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: string[] = [];
  #wake: (() => void) | undefined;

  constructor(file: string) {
    const { command, args, cwd } = tsxCommand(file);
    this.#child = spawn(command, args, { cwd, stdio: "pipe" });
    createInterface({ input: this.#child.stdout }).on("line", (line) => {
      this.#lines.push(line);
      this.#wake?.();
    });
  }

  /** Writes one raw line (a newline is added). */
  write(line: string): void {
    this.#child.stdin.write(`${line}\n`);
  }

  /** Writes a raw line and resolves with the next line the server writes, parsed. */
  async exchange(line: string | object, timeoutMs = 5_000): Promise<unknown> {
    this.write(typeof line === "string" ? line : JSON.stringify(line));
    return JSON.parse(await this.next(timeoutMs)) as unknown;
  }

  /** The next line from the server's stdout. */
  async next(timeoutMs = 5_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.#lines.length === 0) {
      if (Date.now() > deadline) throw new Error("No line from the server in time");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.#wake = () => (clearTimeout(timer), resolve());
      });
    }
    return this.#lines.shift()!;
  }

  /** Closes stdin and resolves with the exit code once the server has exited. */
  close(): Promise<number | null> {
    return new Promise((resolve) => {
      if (this.#child.exitCode !== null) return resolve(this.#child.exitCode);
      this.#child.once("exit", (code) => resolve(code));
      this.#child.stdin.end();
    });
  }
}
