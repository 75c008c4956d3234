import { readFileSync } from "node:fs";
import type { TransportHandlers } from "../../src/transport/index.js";

/** Handlers that record everything a transport reports. */
export function recorder() {
  const messages: unknown[] = [];
  const errors: Error[] = [];
  let closes = 0;
  const handlers: TransportHandlers = {
    onMessage: (message) => messages.push(message),
    onError: (error) => errors.push(error),
    onClose: () => closes++,
  };
  return { handlers, messages, errors, closes: () => closes };
}

/** True while `pid` is a live process; a zombie waiting for init to reap it counts as gone (Linux). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return true;
  }
}

export const request = (id: number, params: Record<string, unknown> = {}) =>
  ({ jsonrpc: "2.0", id, method: "test/echo", params }) as const;
