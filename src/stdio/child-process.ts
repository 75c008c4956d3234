import type { ChildProcess } from "node:child_process";
import { stat } from "node:fs/promises";
import { SdkError, SdkErrorCode } from "../jsonrpc/index.js";

/* Spawning the server: what it inherits, how it is detached, and start errors that say what to fix. */

const isWindows = process.platform === "win32";

/** Inherited by default; everything else (tokens, keys) stays in the parent unless passed in `env`. */
const INHERITED_ENV = isWindows
  ? [
      "APPDATA",
      "HOMEDRIVE",
      "HOMEPATH",
      "LOCALAPPDATA",
      "PATH",
      "PROCESSOR_ARCHITECTURE",
      "SYSTEMDRIVE",
      "SYSTEMROOT",
      "TEMP",
      "USERNAME",
      "USERPROFILE",
      "PROGRAMFILES",
    ]
  : ["HOME", "LOGNAME", "PATH", "SHELL", "TERM", "USER"];

/**
 * The child's environment: the allow-list from process.env, then `extra` on top.
 *
 * @example
 * spawn("server", [], { env: childEnvironment({ API_KEY: key }) });
 */
export function childEnvironment(
  extra: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const value = process.env[name];
    // "()" starts an exported bash function (Shellshock-style payloads); never pass those on.
    if (value !== undefined && !value.startsWith("()")) env[name] = value;
  }
  return extra ? Object.assign(env, extra) : env;
}

/**
 * Whether the child should lead its own process group (POSIX only).
 *
 * @example
 * spawn("server", [], { detached: spawnDetached });
 */
export const spawnDetached = !isWindows;

/**
 * Turns a spawn failure into an SdkError that says what to fix; the original is the cause.
 *
 * @example
 * child.once("error", async (error) => reject(await toStartError("xyz", undefined, error)));
 */
export async function toStartError(
  command: string,
  cwd: string | undefined,
  error: unknown,
): Promise<SdkError> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  let reason = error instanceof Error ? error.message : String(error);
  if (code === "ENOENT") {
    // Node reports a missing cwd as ENOENT of the command; tell the two apart.
    const cwdMissing = cwd !== undefined && !(await isDirectory(cwd));
    reason = cwdMissing ? `working directory '${cwd}' does not exist` : "command not found";
  } else if (code === "EACCES") {
    reason = "permission denied (is it executable?)";
  }
  return new SdkError(SdkErrorCode.Transport, `Cannot start '${command}': ${reason}`, { cause: error });
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Resolves once the child has spawned; rejects with the spawn error.
 *
 * @example
 * await spawned(spawn("server"));
 */
export function spawned(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const onSpawn = (): void => {
      child.off("error", onError);
      resolve();
    };
    const onError = (error: Error): void => {
      child.off("spawn", onSpawn);
      reject(error);
    };
    child.once("spawn", onSpawn);
    child.once("error", onError);
  });
}

/**
 * Destroys the child's pipes and unrefs it: after close nothing of it may keep our event loop alive
 * (a grandchild can hold a pipe open).
 *
 * @example
 * child.once("exit", () => release(child));
 */
export function release(child: ChildProcess): void {
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
  child.unref();
}
