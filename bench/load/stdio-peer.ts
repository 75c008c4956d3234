import type { ChildProcess } from "node:child_process";
import { collectStderr, spawnNode, stopChild } from "../lib/children.js";
import type { SpawnNodeOptions } from "../lib/children.js";
import { checkResult, initializeParams, notificationLine, requestLine, responseId } from "../protocol.js";
import { createLineReader } from "./line-reader.js";

type Waiter = { resolve: (message: unknown) => void; reject: (error: Error) => void };

/**
 * The load generator's side of a stdio server: raw newline-delimited JSON-RPC, responses matched
 * by id. Writes of one tick are coalesced (cork until nextTick), so the generator spends as few
 * syscalls as it can and the server, not the generator, is what gets measured.
 */
export class StdioPeer {
  readonly child: ChildProcess;
  readonly #stderr: { readonly text: () => string };
  readonly #waiting = new Map<number, Waiter>();
  #nextId = 1;
  #corked = false;
  #exited: Error | undefined;

  constructor(entry: string, options: SpawnNodeOptions = {}) {
    this.child = spawnNode(entry, options);
    this.#stderr = collectStderr(this.child);
    this.child.stdout?.on(
      "data",
      createLineReader((line) => this.#onLine(line)),
    );
    this.child.once("exit", (code, signal) => {
      this.#exited = new Error(`server exited (${code ?? signal}): ${this.#stderr.text().slice(-2000)}`);
      for (const waiter of this.#waiting.values()) waiter.reject(this.#exited);
      this.#waiting.clear();
    });
  }

  get stderr(): string {
    return this.#stderr.text();
  }

  /** Sends a request whose params are already JSON; resolves with the whole response message. */
  request(method: string, paramsJson?: string): Promise<unknown> {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#write(requestLine(id, method, paramsJson));
    });
  }

  /** A request that must succeed; resolves with its result. */
  async call(method: string, paramsJson?: string): Promise<Record<string, unknown>> {
    return checkResult(await this.request(method, paramsJson));
  }

  notify(method: string): void {
    this.#write(notificationLine(method));
  }

  /** The legacy handshake: initialize, then notifications/initialized. */
  async initialize(): Promise<Record<string, unknown>> {
    const result = await this.call("initialize", JSON.stringify(initializeParams()));
    this.notify("notifications/initialized");
    return result;
  }

  close(): Promise<void> {
    return stopChild(this.child);
  }

  #write(line: string): void {
    const stdin = this.child.stdin;
    if (!stdin) throw new Error("The server has no stdin");
    if (!this.#corked) {
      this.#corked = true;
      stdin.cork();
      process.nextTick(() => {
        this.#corked = false;
        stdin.uncork();
      });
    }
    stdin.write(`${line}\n`);
  }

  #onLine(line: string): void {
    const message: unknown = JSON.parse(line);
    const id = responseId(message);
    const waiter = typeof id === "number" ? this.#waiting.get(id) : undefined;
    if (!waiter || typeof id !== "number") return; // notifications and strays are not ours to count
    this.#waiting.delete(id);
    waiter.resolve(message);
  }
}
