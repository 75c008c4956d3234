import { readFile, readdir } from "node:fs/promises";
import { childProcessModule } from "./child-process-module.js";

/*
 * Ending a server's whole process tree. On POSIX the server is spawned `detached`, so it leads its
 * own process group and `kill(-pid)` reaches every process it started that did not leave the group.
 * On Windows, `taskkill /T` walks the tree from its root.
 */

const isWindows = process.platform === "win32";

/**
 * Sends `signal` to the process tree led by `pid`: its group on POSIX, `taskkill /T /F` on Windows.
 *
 * @example
 * signalTree(child.pid, "SIGTERM");
 */
export function signalTree(pid: number, signal: "SIGTERM" | "SIGKILL"): void {
  if (isWindows) {
    void childProcessModule().then(({ spawn }) => {
      const killer = spawn("taskkill", ["/T", "/F", "/PID", String(pid)], {
        stdio: "ignore",
        windowsHide: true,
      });
      killer.on("error", () => {});
      killer.unref();
    });
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // EPERM: the group has a member we may not signal; still reach the leader itself.
    if ((error as NodeJS.ErrnoException).code === "EPERM") signalQuietly(pid, signal);
  }
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** True while a live process is in the group led by `pid` (POSIX). */
async function isGroupAlive(pid: number): Promise<boolean> {
  try {
    process.kill(-pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return process.platform === "linux" ? hasLiveMember(pid) : true;
}

/**
 * A killed orphan stays in its group as a zombie until init reaps it, and PID 1 in a container may
 * never do so. On Linux, /proc tells zombies apart, so close() need not wait for somebody else's reaping.
 */
async function hasLiveMember(pgid: number): Promise<boolean> {
  let pids: string[];
  try {
    pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  } catch {
    return true;
  }
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    // After the ")" ending the command name: state, ppid, pgrp, ...
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ", 3);
    if (pgrp === String(pgid) && state !== "Z") return true;
  }
  return false;
}

/** Polls (there is no event for processes that are not our children) until `done()` or the deadline. */
async function waitUntil(done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 5; !(await done()); delay = Math.min(delay * 2, 50)) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
  }
  return true;
}

/**
 * After the server itself has exited, ends what is left of its process group (grandchildren it
 * spawned): SIGTERM, wait, SIGKILL. No-op on Windows: once the root has exited, `taskkill /T` can
 * no longer find its descendants.
 *
 * @example
 * child.once("exit", () => void reapGroup(pid, 2000));
 */
export async function reapGroup(pid: number, timeoutMs: number): Promise<void> {
  if (isWindows || !(await isGroupAlive(pid))) return;
  const gone = async (): Promise<boolean> => !(await isGroupAlive(pid));
  signalTree(pid, "SIGTERM");
  if (await waitUntil(gone, timeoutMs)) return;
  signalTree(pid, "SIGKILL");
  await waitUntil(gone, timeoutMs);
}

/**
 * Resolves true if `promise` settles within `timeoutMs`, false otherwise; never leaves a timer behind.
 *
 * @example
 * if (!(await settlesWithin(exited, 2000))) child.kill("SIGTERM");
 */
export async function settlesWithin(promise: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
