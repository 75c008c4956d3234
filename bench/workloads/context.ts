import type { BenchConfig } from "../config.js";
import type { Era } from "../impls.js";
import type { Phases } from "../load/closed-loop.js";
import type { RuntimeBuild } from "../lib/runtime-build.js";
import type { Results } from "../results.js";

/** What every workload gets: the settings, the compiled children, and where samples go. */
export interface WorkloadContext {
  readonly config: BenchConfig;
  readonly build: RuntimeBuild;
  readonly results: Results;
}

export function phasesOf(config: BenchConfig): Phases {
  return { warmupMs: config.warmupMs, measureMs: config.measureMs };
}

export const ERA_LABEL: Readonly<Record<Era, string>> = {
  legacy: "legacy 2025-11-25",
  modern: "2026-07-28",
};
