/**
 * Runs the official MCP conformance client suites against the conformance client
 * (test/conformance/client.ts): `conformance client --suite all` of each pinned version in turn
 * (with Node 22, via npx), the referee starting its mock servers and running
 * `<node> --import tsx test/conformance/client.ts <url>` per scenario. Prints one row per scenario
 * and exits 1 when a scenario has a FAILURE or WARNING the expected-failures file does not allow.
 *
 *   node --import tsx scripts/conformance-client.ts [--results <new dir>] [--suite <name>]
 *
 * Each suite's checks.json folders and CLI log land in `<results>/<version>/` (default: a new
 * temporary directory).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const NODE = "node@22";
/** Both versions get a copy filtered for them (`# only: <version>`) as --expected-failures. */
const EXPECTED_FAILURES = "test/conformance/expected-failures-client.yaml";
const SUITES = [
  { version: "0.1.16", expectedFailures: EXPECTED_FAILURES },
  { version: "0.2.0-alpha.12", expectedFailures: EXPECTED_FAILURES },
] as const;
const CLIENT = "test/conformance/client.ts";
/** Per scenario (the referee kills the client after it); the default is 30 s too. */
const SCENARIO_TIMEOUT_MS = 30_000;
const SUITE_TIMEOUT_MS = 15 * 60_000;
const KILL_GRACE_MS = 5_000;

const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** `<output dir>/<scenario>-<ISO time with : and . as ->/checks.json`; `auth/x` may nest a folder. */
const RESULT_DIR = /^(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;
const COUNTED = ["SUCCESS", "FAILURE", "WARNING"] as const;

type Status = (typeof COUNTED)[number];
interface ScenarioRow {
  scenario: string;
  counts: Record<Status, number>;
  failing: string[];
}
interface Baseline {
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

function start(command: string, args: readonly string[]): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function stop(child: ChildProcess): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise((done) => child.once("exit", done));
  killTree(child);
  const timer = setTimeout(() => killTree(child, "SIGKILL"), KILL_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Runs one suite, its output in `<dir>/cli.log`; resolves with the CLI's exit code (or a timeout note). */
async function runSuite(
  suite: (typeof SUITES)[number],
  name: string,
  dir: string,
  baselineFile: string,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  // Results are read back by folder: an earlier run's folders would be counted too.
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty; give --results a new directory`);
  // The referee splits the command on spaces (no quoting): the paths must not contain any.
  const command = `${process.execPath} --import tsx ${join(ROOT, CLIENT)}`;
  if (/\s/.test(process.execPath + ROOT))
    throw new Error(`the client command may not contain spaces: ${command}`);
  const args = ["-y", "-p", NODE, "-p", `@modelcontextprotocol/conformance@${suite.version}`, "conformance"];
  args.push("client", "--command", command, "--suite", name, "--output-dir", dir);
  args.push("--timeout", String(SCENARIO_TIMEOUT_MS));
  args.push("--expected-failures", baselineFile);
  const cli = start("npx", args);
  const log = createWriteStream(join(dir, "cli.log"));
  cli.stdout!.pipe(log);
  cli.stderr!.pipe(log);
  let timedOut = false;
  const timer = setTimeout(() => ((timedOut = true), void stop(cli)), SUITE_TIMEOUT_MS);
  const code = await new Promise<number | null>((done) => cli.once("exit", done));
  clearTimeout(timer);
  log.end();
  return timedOut ? `timed out after ${SUITE_TIMEOUT_MS / 60_000} min` : `CLI exit code ${code}`;
}

/** Every scenario result folder under `dir`, with its scenario name (`auth/...` may be nested). */
async function resultDirs(dir: string): Promise<Array<{ scenario: string; path: string }>> {
  const found: Array<{ scenario: string; path: string }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(entry.parentPath, entry.name);
    const scenario = RESULT_DIR.exec(relative(dir, path))?.[1];
    if (scenario) found.push({ scenario, path });
  }
  return found;
}

/** One row per scenario from the `checks.json` files; a scenario that crashed has a folder but none. */
async function readResults(dir: string): Promise<ScenarioRow[]> {
  const rows = new Map<string, ScenarioRow>();
  for (const { scenario, path } of await resultDirs(dir)) {
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
 * The `client:` entries of the expected-failures file that apply to `version`: scenario names, or
 * `scenario:check-id`; an entry ending in `# only: <version>` applies to that version alone.
 */
async function readBaseline(path: string | undefined, version: string): Promise<Baseline> {
  const baseline: Baseline = { scenarios: new Set(), checks: new Set() };
  if (!path) return baseline;
  let section = "";
  for (const raw of (await readFile(join(ROOT, path), "utf8")).split("\n")) {
    const only = /#\s*only:\s*(\S+)/.exec(raw)?.[1];
    const line = raw.replace(/(^|\s)#.*$/, "").trimEnd();
    const key = /^(\w+):$/.exec(line);
    if (key) section = key[1]!;
    const item = /^\s+-\s+(\S+)$/.exec(line)?.[1];
    if (section !== "client" || !item || (only !== undefined && only !== version)) continue;
    (item.includes(":") ? baseline.checks : baseline.scenarios).add(item);
  }
  return baseline;
}

/** The baseline as the CLI reads it, written next to the results: one version's entries only. */
async function writeBaseline(baseline: Baseline, file: string): Promise<string> {
  const entries = [...baseline.scenarios, ...baseline.checks].map((item) => `  - "${item}"\n`);
  await writeFile(file, `client:${entries.length === 0 ? " []" : ""}\n${entries.join("")}`);
  return file;
}

/** ok, expected (every failing check baselined), stale (baselined, now clean) or UNEXPECTED. */
function verdict(row: ScenarioRow, baseline: Baseline): string {
  const listed = baseline.scenarios.has(row.scenario);
  if (row.failing.length === 0) return listed ? "stale: remove from baseline" : "ok";
  const excused = listed || row.failing.every((id) => baseline.checks.has(`${row.scenario}:${id}`));
  return excused ? "expected" : "UNEXPECTED";
}

function printTable(version: string, rows: ScenarioRow[], baseline: Baseline): number {
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

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { results: { type: "string" }, suite: { type: "string", default: "all" } },
  });
  if (!existsSync(join(ROOT, CLIENT))) throw new Error(`${CLIENT} does not exist`);
  const results = values.results
    ? resolve(values.results)
    : await mkdtemp(join(tmpdir(), "mcpkit-conformance-client-"));
  await mkdir(results, { recursive: true });
  let failed = false;
  for (const suite of SUITES) {
    console.log(`\n# @modelcontextprotocol/conformance@${suite.version} client --suite ${values.suite}`);
    const dir = join(results, suite.version);
    const baseline = await readBaseline(suite.expectedFailures, suite.version);
    const file = await writeBaseline(baseline, join(results, `expected-failures-${suite.version}.yaml`));
    const outcome = await runSuite(suite, values.suite, dir, file);
    const rows = await readResults(dir);
    const unexpected = printTable(suite.version, rows, baseline);
    console.log(`${outcome}; results and log in ${dir}`);
    if (unexpected > 0 || rows.length === 0 || outcome.startsWith("timed out")) failed = true;
  }
  return failed ? 1 : 0;
}

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
