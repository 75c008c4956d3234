import type * as ChildProcessModule from "node:child_process";

let loaded: Promise<typeof ChildProcessModule> | undefined;

/**
 * `node:child_process`, imported on first use. `mcpkit/stdio` serves servers and clients alike, and
 * a server never spawns: importing the module (with the net, dgram and stream internals it pulls
 * in) at load time cost every stdio server ~5 ms of its cold start.
 *
 * @example
 * const { spawn } = await childProcessModule();
 */
export function childProcessModule(): Promise<typeof ChildProcessModule> {
  return (loaded ??= import("node:child_process"));
}
