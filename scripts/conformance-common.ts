/**
 * What the two conformance runners (server and client) share: the pinned Node, child processes
 * killed as whole trees, running one CLI suite with a log and a timeout, reading its
 * `checks.json` folders, the expected-failures baseline, and the per-scenario table.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const NODE = "node@22";
export const ROOT = fileURLToPath(new URL("../", import.meta.url));
const KILL_GRACE_MS = 5_000;
const COUNTED = ["SUCCESS", "FAILURE", "WARNING"] as const;

type Status = (typeof COUNTED)[number];
export interface ScenarioRow {
  scenario: string;
  counts: Record<Status, number>;
  failing: string[];
}
export interface Baseline {
  scenarios: Set<string>;
  checks: Set<string>;
}

const children = new Set<ChildProcess>();

/** Kills a child and everything it started (each child leads its own process group). */
function killTree(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  if (child.pid === undefined || !running(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

export function start(command: string, args: readonly string[]): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise((done) => child.once("exit", done));
  killTree(child);
  const timer = setTimeout(() => killTree(child, "SIGKILL"), KILL_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs `conformance <args>` of one version into `dir` (which must be new or empty), its output in
 * `<dir>/cli.log`; resolves with the CLI's exit code, or a timeout note.
 */
export async function runCli(
  version: string,
  args: readonly string[],
  dir: string,
  timeoutMs: number,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  // Results are read back by folder: an earlier run's folders would be counted too.
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty; give --results a new directory`);
  const cli = start("npx", [
    "-y",
    "-p",
    NODE,
    "-p",
    `@modelcontextprotocol/conformance@${version}`,
    "conformance",
    ...args,
  ]);
  const log = createWriteStream(join(dir, "cli.log"));
  cli.stdout!.pipe(log);
  cli.stderr!.pipe(log);
  createInterface({ input: cli.stdout! }).on("line", (line) => {
    if (line.startsWith("=== Running scenario:")) process.stdout.write(`  ${line.slice(22, -4)}\n`);
  });
  let timedOut = false;
  const timer = setTimeout(() => ((timedOut = true), void stop(cli)), timeoutMs);
  const code = await new Promise<number | null>((done) => cli.once("exit", done));
  clearTimeout(timer);
  log.end();
  return timedOut ? `timed out after ${timeoutMs / 60_000} min` : `CLI exit code ${code}`;
}

/**
 * One row per scenario from the `checks.json` files under `dir`; `resultDir` matches a result
 * folder's path relative to `dir` and captures the scenario. A crashed scenario has no checks.json.
 */
export async function readResults(dir: string, resultDir: RegExp): Promise<ScenarioRow[]> {
  const rows = new Map<string, ScenarioRow>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(entry.parentPath, entry.name);
    const scenario = resultDir.exec(relative(dir, path))?.[1];
    if (!scenario) continue;
    const row = rows.get(scenario) ?? {
      scenario,
      counts: { SUCCESS: 0, FAILURE: 0, WARNING: 0 },
      failing: [],
    };
    rows.set(scenario, row);
    const file = join(path, "checks.json");
    const checks = existsSync(file)
      ? (JSON.parse(await readFile(file, "utf8")) as { id: string; status: string }[])
      : [{ id: "no-checks-json", status: "FAILURE" }];
    for (const check of checks) {
      if (!COUNTED.includes(check.status as Status)) continue;
      row.counts[check.status as Status]++;
      if (check.status !== "SUCCESS") row.failing.push(check.id);
    }
  }
  return [...rows.values()].sort((a, b) => a.scenario.localeCompare(b.scenario));
}

/**
 * The `<section>:` entries of an expected-failures file that apply to `version`: scenario names,
 * or `scenario:check-id`; an entry ending in `# only: <version>` applies to that version alone.
 */
export async function readBaseline(
  path: string | undefined,
  section: string,
  version: string,
): Promise<Baseline> {
  const baseline: Baseline = { scenarios: new Set(), checks: new Set() };
  if (!path) return baseline;
  let current = "";
  for (const raw of (await readFile(join(ROOT, path), "utf8")).split("\n")) {
    const only = /#\s*only:\s*(\S+)/.exec(raw)?.[1];
    const line = raw.replace(/(^|\s)#.*$/, "").trimEnd();
    const key = /^(\w+):$/.exec(line);
    if (key) current = key[1]!;
    const item = /^\s+-\s+(\S+)$/.exec(line)?.[1];
    if (current !== section || !item || (only !== undefined && only !== version)) continue;
    (item.includes(":") ? baseline.checks : baseline.scenarios).add(item);
  }
  return baseline;
}

/** ok, expected (every failing check baselined), stale (baselined, now clean) or UNEXPECTED. */
function verdict(row: ScenarioRow, baseline: Baseline): string {
  const listed = baseline.scenarios.has(row.scenario);
  if (row.failing.length === 0) return listed ? "stale: remove from baseline" : "ok";
  const excused = listed || row.failing.every((id) => baseline.checks.has(`${row.scenario}:${id}`));
  return excused ? "expected" : "UNEXPECTED";
}

/** Prints the per-scenario table and the totals line; returns how many scenarios were unexpected. */
export function printTable(version: string, rows: ScenarioRow[], baseline: Baseline): number {
  const width = Math.max(8, ...rows.map((row) => row.scenario.length));
  console.log(`\n${"scenario".padEnd(width)}  SUCCESS  FAILURE  WARNING  verdict`);
  let unexpected = 0;
  for (const row of rows) {
    const note = verdict(row, baseline);
    if (note === "UNEXPECTED") unexpected++;
    const counts = COUNTED.map((status) => String(row.counts[status]).padStart(7)).join("  ");
    console.log(`${row.scenario.padEnd(width)}  ${counts}  ${note}`);
  }
  const total = (status: Status) => rows.reduce((sum, row) => sum + row.counts[status], 0);
  console.log(
    `conformance ${version}: ${rows.length} scenarios, ${total("SUCCESS")} SUCCESS, ` +
      `${total("FAILURE")} FAILURE, ${total("WARNING")} WARNING; ${unexpected} unexpected`,
  );
  return unexpected;
}

/** Runs a runner's main: every child dies with it (signals, exit), and its result is the exit code. */
export function runMain(main: () => Promise<number>): void {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      for (const child of children) killTree(child, "SIGKILL");
      process.exit(code);
    });
  }
  process.once("exit", () => children.forEach((child) => killTree(child, "SIGKILL")));
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
