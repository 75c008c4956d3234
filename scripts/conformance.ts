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
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import {
  ROOT,
  printTable,
  readBaseline,
  readResults,
  runCli,
  runMain,
  running,
  start,
  stop,
} from "./conformance-common.js";

const SUITES = [
  { version: "0.1.16", expectedFailures: undefined },
  { version: "0.2.0-alpha.12", expectedFailures: "test/conformance/expected-failures.yaml" },
] as const;
const FIXTURE = "test/conformance/server.ts";
const STARTUP_TIMEOUT_MS = 60_000;
const SUITE_TIMEOUT_MS = 20 * 60_000;

const READY_LINE = /conformance fixture listening on (\S+)/;
/** `<output dir>/server-<scenario>-<ISO time with : and . as ->/checks.json`, as both versions write it. */
const RESULT_DIR = /^server-(.+)-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/;

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

/** Runs one server suite against `url`; resolves with the CLI's exit code (or a timeout note). */
function runSuite(url: string, suite: (typeof SUITES)[number], dir: string): Promise<string> {
  const args = ["server", "--url", url, "--suite", "all", "--output-dir", dir];
  if (suite.expectedFailures) args.push("--expected-failures", join(ROOT, suite.expectedFailures));
  return runCli(suite.version, args, dir, SUITE_TIMEOUT_MS);
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
      const rows = await readResults(dir, RESULT_DIR);
      const baseline = await readBaseline(suite.expectedFailures, "server", suite.version);
      const unexpected = printTable(suite.version, rows, baseline);
      console.log(`${outcome}; results and log in ${dir}`);
      if (unexpected > 0 || rows.length === 0 || outcome.startsWith("timed out")) failed = true;
      if (started && !running(started.fixture)) throw new Error("the fixture died during the run");
    }
  } finally {
    if (started) await stop(started.fixture);
  }
  return failed ? 1 : 0;
}

runMain(main);
