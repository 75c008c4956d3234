import type { ChildProcess } from "node:child_process";
import { collectStderr, spawnNode, stopChild } from "../lib/children.js";
import type { HostMessage } from "../servers/http-host.js";

/** An HTTP server child (servers/<impl>/http): its port, and its heap after a full GC on request. */
export class HttpServerChild {
  readonly port: number;
  readonly #child: ChildProcess;
  readonly #stderr: { readonly text: () => string };

  private constructor(child: ChildProcess, stderr: { readonly text: () => string }, port: number) {
    this.#child = child;
    this.#stderr = stderr;
    this.port = port;
  }

  static async start(entry: string, nodeFlags: readonly string[] = []): Promise<HttpServerChild> {
    const child = spawnNode(entry, { ipc: true, nodeFlags: ["--expose-gc", ...nodeFlags] });
    const stderr = collectStderr(child);
    const message = await nextMessage(child, stderr, "listening");
    if (message.type !== "listening") throw new Error("unreachable");
    return new HttpServerChild(child, stderr, message.port);
  }

  /** heapUsed after the child ran its collector until the heap was stable. */
  async heapUsed(): Promise<number> {
    const answer = nextMessage(this.#child, this.#stderr, "heap");
    this.#child.send({ type: "heap" });
    const message = await answer;
    if (message.type !== "heap") throw new Error("unreachable");
    return message.heapUsed;
  }

  close(): Promise<void> {
    if (this.#child.connected) this.#child.disconnect();
    return stopChild(this.#child);
  }
}

function nextMessage(
  child: ChildProcess,
  stderr: { readonly text: () => string },
  type: HostMessage["type"],
): Promise<HostMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: HostMessage): void => {
      if (message.type !== type) return;
      child.off("message", onMessage).off("exit", onExit);
      resolve(message);
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`HTTP server exited (${code}): ${stderr.text().slice(-2000)}`));
    child.on("message", onMessage).once("exit", onExit);
  });
}
