import { loadavg } from "node:os";
import type { BenchConfig } from "./config.js";
import type { Impl } from "./impls.js";
import { IMPLS, MODERN_IMPLS } from "./impls.js";
import { ROOT, buildRuntime } from "./lib/runtime-build.js";
import { rotate } from "./lib/stats.js";
import { describeMachine, describeSource } from "./machine.js";
import type { Machine } from "./machine.js";
import { TARGETS, judge } from "./report/targets.js";
import type { Verdict } from "./report/targets.js";
import { Results } from "./results.js";
import type { Row } from "./results.js";
import { coldStarts } from "./workloads/cold-start.js";
import { perImpl } from "./workloads/context.js";
import type { WorkloadContext, WorkloadRun } from "./workloads/context.js";
import { httpCalls } from "./workloads/http-calls.js";
import { manyTools } from "./workloads/many-tools.js";
import { clientCost, inMemoryCalls } from "./workloads/probes.js";
import { sessionMemory } from "./workloads/session-memory.js";
import { stdioCalls } from "./workloads/stdio-calls.js";

/** One workload of the plan: one run per round over its implementations. */
interface Workload {
  readonly id: string;
  readonly impls: readonly Impl[];
  readonly run: WorkloadRun;
}

export const WORKLOADS: readonly Workload[] = [
  { id: "stdio-legacy", impls: IMPLS, run: (ctx, impls) => stdioCalls(ctx, impls, "legacy") },
  { id: "stdio-modern", impls: MODERN_IMPLS, run: (ctx, impls) => stdioCalls(ctx, impls, "modern") },
  { id: "in-memory", impls: IMPLS, run: perImpl(inMemoryCalls) },
  { id: "http", impls: IMPLS, run: httpCalls },
  { id: "sessions", impls: IMPLS, run: perImpl(sessionMemory) },
  { id: "cold-legacy", impls: IMPLS, run: coldStarts("legacy") },
  { id: "cold-modern", impls: MODERN_IMPLS, run: coldStarts("modern") },
  { id: "tools", impls: IMPLS, run: perImpl(manyTools) },
  { id: "client-legacy", impls: IMPLS, run: perImpl((ctx, impl) => clientCost(ctx, impl, "legacy")) },
  { id: "client-modern", impls: MODERN_IMPLS, run: perImpl((ctx, impl) => clientCost(ctx, impl, "modern")) },
];

/** Options of {@link runBench}. */
export interface RunOptions {
  readonly config: BenchConfig;
  /** Only these workload ids (default: all). */
  readonly only?: readonly string[];
  /** Progress lines (default: stderr). */
  readonly log?: (line: string) => void;
}

/** Everything a run produced. */
export interface BenchRun {
  readonly config: BenchConfig;
  readonly machine: Machine;
  readonly rows: readonly Row[];
  readonly verdicts: readonly Verdict[];
  /** Cells that failed (each is also missing from the rows): a healthy run has none. */
  readonly errors: readonly string[];
  readonly seconds: number;
  /** The mcpkit commit measured (dist/ is built from the working tree). */
  readonly source: string;
  /** The 1-minute load average at the start and the end: other work on the machine skews a run. */
  readonly load: { readonly start: number; readonly end: number };
}

/**
 * Runs every workload for every implementation, `rounds` times, interleaved: in each round every
 * workload visits the implementations in an order rotated by the round (the throughput workloads
 * interleave cell by cell), so drift in the machine (thermal, noisy neighbours) spreads over all
 * of them. The report uses the medians.
 */
export async function runBench(options: RunOptions): Promise<BenchRun> {
  const { config } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = performance.now();
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const source = describeSource(ROOT);
  const build = await buildRuntime();
  const results = new Results();
  const errors: string[] = [];
  const plan = WORKLOADS.filter((workload) => !options.only || options.only.includes(workload.id));
  try {
    for (let round = 0; round < config.rounds; round++) {
      for (const workload of plan) {
        const where = `round ${round + 1}/${config.rounds} ${workload.id}`;
        const ctx: WorkloadContext = {
          config,
          build,
          results,
          cell: async (impl, what, run) => {
            try {
              await run();
            } catch (error) {
              const message = `${where} ${impl} ${what}: ${error instanceof Error ? error.message : String(error)}`;
              errors.push(message);
              log(`FAILED ${message}`);
            }
          },
        };
        const workloadStarted = performance.now();
        await workload.run(ctx, rotate(workload.impls, round));
        log(`${where} (${((performance.now() - workloadStarted) / 1000).toFixed(1)} s)`);
      }
    }
  } finally {
    await build.dispose();
  }
  const rows = results.rows();
  return {
    config,
    machine: describeMachine(),
    rows,
    verdicts: TARGETS.filter(
      (target) => rows.some((row) => row.metric.key === target.key) || !options.only,
    ).map((target) => judge(target, rows)),
    errors,
    seconds: (performance.now() - started) / 1000,
    source,
    load: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
  };
}
