/**
 * Runs the official MCP conformance suites against the fixture server (`npm run conformance:server`):
 * starts test/conformance/server.ts on a free loopback port, runs `conformance server --suite all`
 * of each pinned version in turn (with Node 22, via npx), prints one row per scenario, and exits 1
 * when a scenario has a FAILURE or WARNING its expected-failures file does not allow.
 *
 *   node --import tsx scripts/conformance.ts [--url <running server>] [--results <new dir>]
 *
 * Each suite's checks.json folders and CLI log land in `<results>/<version>/` (default: a new
 * temporary directory). With --url, no fixture is started and that server is tested instead.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const NODE = "node@22";
const SUITES = [
  { version: "0.1.16", expectedFailures: undefined },
  { version: "0.2.0-alpha.12", expectedFailures: "test/conformance/expected-failures.yaml" },
] as const;
const FIXTURE = "test/conformance/server.ts";
const STARTUP_TIMEOUT_MS = 60_000;
const SUITE_TIMEOUT_MS = 20 * 60_000;
const KILL_GRACE_MS = 5_000;

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const READY_LINE = /conformance fixture listening on (\S+)/;
/** `<output dir>/server-<scenario>-<ISO time with : and . as ->/checks.json`, as both versions write it. */
const RESULT_DIR = /^server-(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;
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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Starts the fixture and resolves with its URL once it has printed it and answers HTTP. */
async function startFixture(): Promise<{ url: string; fixture: ChildProcess }> {
  if (!existsSync(join(ROOT, FIXTURE))) throw new Error(`${FIXTURE} does not exist`);
  const fixture = start(process.execPath, ["--import", "tsx", FIXTURE, "--port", String(await freePort())]);
  fixture.stderr!.on("data", (chunk: Buffer) => process.stderr.write(`[fixture] ${chunk.toString()}`));
  const printed = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error("the fixture did not start in time")), STARTUP_TIMEOUT_MS);
    fixture.once("exit", (code) => fail(new Error(`the fixture exited (${code}) before listening`)));
    createInterface({ input: fixture.stdout! }).on("line", (line) => {
      const match = READY_LINE.exec(line);
      if (!match) return;
      clearTimeout(timer);
      ready(match[1]!);
    });
  });
  await untilAnswering(printed);
  return { url: printed, fixture };
}

/** Polls with a 2026-07-28 server/discover until any HTTP answer comes back. */
async function untilAnswering(url: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  const meta = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": {},
  };
  for (;;) {
    try {
      await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2026-07-28",
          "mcp-method": "server/discover",
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "server/discover", params: { _meta: meta } }),
        signal: AbortSignal.timeout(5_000),
      }).then((response) => response.body?.cancel());
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the fixture at ${url} does not answer`, { cause: error });
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

/** Runs one suite, its output in `<dir>/cli.log`; resolves with the CLI's exit code (or a timeout note). */
async function runSuite(url: string, suite: (typeof SUITES)[number], dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  // Results are read back by folder: an earlier run's folders would be counted too.
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty; give --results a new directory`);
  const args = ["-y", "-p", NODE, "-p", `@modelcontextprotocol/conformance@${suite.version}`, "conformance"];
  args.push("server", "--url", url, "--suite", "all", "--output-dir", dir);
  if (suite.expectedFailures) args.push("--expected-failures", join(ROOT, suite.expectedFailures));
  const cli = start("npx", args);
  const log = createWriteStream(join(dir, "cli.log"));
  cli.stdout!.pipe(log);
  cli.stderr!.pipe(log);
  createInterface({ input: cli.stdout! }).on("line", (line) => {
    if (line.startsWith("=== Running scenario:")) process.stdout.write(`  ${line.slice(22, -4)}\n`);
  });
  let timedOut = false;
  const timer = setTimeout(() => ((timedOut = true), void stop(cli)), SUITE_TIMEOUT_MS);
  const code = await new Promise<number | null>((done) => cli.once("exit", done));
  clearTimeout(timer);
  log.end();
  return timedOut ? `timed out after ${SUITE_TIMEOUT_MS / 60_000} min` : `CLI exit code ${code}`;
}

/** One row per scenario from the `checks.json` files; a scenario that crashed has a folder but none. */
async function readResults(dir: string): Promise<ScenarioRow[]> {
  const rows = new Map<string, ScenarioRow>();
  for (const entry of (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    const scenario = RESULT_DIR.exec(entry.name)?.[1];
    if (!scenario) continue;
    const row = rows.get(scenario) ?? {
      scenario,
      counts: { SUCCESS: 0, FAILURE: 0, WARNING: 0 },
      failing: [],
    };
    rows.set(scenario, row);
    const file = join(dir, entry.name, "checks.json");
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

/** The `server:` entries of a conformance baseline file: scenario names, or `scenario:check-id`. */
async function readBaseline(path: string | undefined): Promise<Baseline> {
  const baseline: Baseline = { scenarios: new Set(), checks: new Set() };
  if (!path) return baseline;
  let section = "";
  for (const raw of (await readFile(join(ROOT, path), "utf8")).split("\n")) {
    const line = raw.replace(/(^|\s)#.*$/, "").trimEnd();
    const key = /^(\w+):$/.exec(line);
    if (key) section = key[1]!;
    const item = /^\s+-\s+(\S+)$/.exec(line)?.[1];
    if (section !== "server" || !item) continue;
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
  const { values } = parseArgs({ options: { url: { type: "string" }, results: { type: "string" } } });
  const results = values.results
    ? resolve(values.results)
    : await mkdtemp(join(tmpdir(), "mcpkit-conformance-"));
  const started = values.url ? undefined : await startFixture();
  const url = values.url ?? started!.url;
  let failed = false;
  try {
    for (const suite of SUITES) {
      console.log(`\n# @modelcontextprotocol/conformance@${suite.version} against ${url}`);
      const dir = join(results, suite.version);
      const outcome = await runSuite(url, suite, dir);
      const rows = await readResults(dir);
      const unexpected = printTable(suite.version, rows, await readBaseline(suite.expectedFailures));
      console.log(`${outcome}; results and log in ${dir}`);
      if (unexpected > 0 || rows.length === 0 || outcome.startsWith("timed out")) failed = true;
      if (started && !running(started.fixture)) throw new Error("the fixture died during the run");
    }
  } finally {
    if (started) await stop(started.fixture);
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
