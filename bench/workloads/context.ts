import type { BenchConfig } from "../config.js";
import type { Era, Impl } from "../impls.js";
import type { Phases } from "../load/closed-loop.js";
import type { RuntimeBuild } from "../lib/runtime-build.js";
import type { Results } from "../results.js";

/** What every workload gets: the settings, the compiled children, and where samples go. */
export interface WorkloadContext {
  readonly config: BenchConfig;
  readonly build: RuntimeBuild;
  readonly results: Results;
  /**
   * Runs one step for one implementation. A failure is recorded (the report then shows the cell
   * as not measured) and does not stop the other implementations or cells.
   */
  cell(impl: Impl, what: string, run: () => Promise<void>): Promise<void>;
}

/** A workload's round over the implementations, in the round's (rotated) order. */
export type WorkloadRun = (ctx: WorkloadContext, impls: readonly Impl[]) => Promise<void>;

/**
 * Runs `run` for each implementation: one after the other, or all at once in the smoke run
 * (config.parallel), where only correctness matters.
 */
export async function eachImpl(
  ctx: WorkloadContext,
  impls: readonly Impl[],
  run: (impl: Impl) => Promise<void>,
): Promise<void> {
  if (ctx.config.parallel) await Promise.all(impls.map(run));
  else for (const impl of impls) await run(impl);
}

/** A workload measured for one implementation at a time, start to end (cold start, heap, ...). */
export function perImpl(measure: (ctx: WorkloadContext, impl: Impl) => Promise<void>): WorkloadRun {
  return (ctx, impls) => eachImpl(ctx, impls, (impl) => ctx.cell(impl, "", () => measure(ctx, impl)));
}

export function phasesOf(config: BenchConfig): Phases {
  return { warmupMs: config.warmupMs, measureMs: config.measureMs };
}

export const ERA_LABEL: Readonly<Record<Era, string>> = {
  legacy: "legacy 2025-11-25",
  modern: "2026-07-28",
};
