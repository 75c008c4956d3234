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
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, printTable, readBaseline, readResults, runCli, runMain } from "./conformance-common.js";
import type { Baseline } from "./conformance-common.js";

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

/** `<output dir>/<scenario>-<ISO time with : and . as ->/checks.json`; `auth/x` may nest a folder. */
const RESULT_DIR = /^(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

async function runSuite(
  suite: (typeof SUITES)[number],
  name: string,
  dir: string,
  baselineFile: string,
): Promise<string> {
  // The referee splits the command on spaces (no quoting): the paths must not contain any.
  const command = `${process.execPath} --import tsx ${join(ROOT, CLIENT)}`;
  if (/\s/.test(process.execPath + ROOT))
    throw new Error(`the client command may not contain spaces: ${command}`);
  const args = ["client", "--command", command, "--suite", name, "--output-dir", dir];
  args.push("--timeout", String(SCENARIO_TIMEOUT_MS), "--expected-failures", baselineFile);
  return runCli(suite.version, args, dir, SUITE_TIMEOUT_MS);
}

/** The baseline as the CLI reads it, written next to the results: one version's entries only. */
async function writeBaseline(baseline: Baseline, file: string): Promise<string> {
  const entries = [...baseline.scenarios, ...baseline.checks].map((item) => `  - "${item}"\n`);
  await writeFile(file, `client:${entries.length === 0 ? " []" : ""}\n${entries.join("")}`);
  return file;
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
    const baseline = await readBaseline(suite.expectedFailures, "client", suite.version);
    const file = await writeBaseline(baseline, join(results, `expected-failures-${suite.version}.yaml`));
    const outcome = await runSuite(suite, values.suite, dir, file);
    const rows = await readResults(dir, RESULT_DIR);
    const unexpected = printTable(suite.version, rows, baseline);
    console.log(`${outcome}; results and log in ${dir}`);
    if (unexpected > 0 || rows.length === 0 || outcome.startsWith("timed out")) failed = true;
  }
  return failed ? 1 : 0;
}

runMain(main);
