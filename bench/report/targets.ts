import type { Impl } from "../impls.js";
import { pairedRatios } from "../lib/stats.js";
import type { Row } from "../results.js";

/** One acceptance target of issue 6: mcpkit's median divided by another's, compared with a bound. */
export interface Target {
  readonly key: string;
  readonly against: Extract<Impl, "v2" | "raw">;
  readonly op: ">=" | "<=";
  readonly bound: number;
  /** How the bound reads in the table, e.g. "≥ 2.5×" or "≤ 1/6". */
  readonly text: string;
}

const atLeast = (key: string, against: Target["against"], bound: number, text: string): Target => ({
  key,
  against,
  op: ">=",
  bound,
  text,
});
const atMost = (key: string, bound: number, text: string): Target => ({
  key,
  against: "v2",
  op: "<=",
  bound,
  text,
});

/**
 * The targets, all measured side by side in one run. Where the issue names no era, both eras
 * are held to it (stdio pipelining, cold start, client CPU). Cold start is held to its target
 * with plain JSON Schema tools, each SDK loading only itself: with zod no SDK can reach half of
 * 2.4.0's start, because Node's own start plus `import("zod")` already take about that much
 * (see zodColdStartNote); those rows are reported, not judged.
 */
export const TARGETS: readonly Target[] = [
  atLeast("stdio.legacy.pipelined", "v2", 2.5, "≥ 2.5×"),
  atLeast("stdio.legacy.pipelined", "raw", 0.5, "≥ 50 %"),
  atLeast("stdio.modern.pipelined", "v2", 2.5, "≥ 2.5×"),
  atLeast("stdio.modern.pipelined", "raw", 0.5, "≥ 50 %"),
  atLeast("http.modern.c16", "v2", 8, "≥ 8×"),
  atLeast("http.modern.c16", "raw", 0.35, "≥ 35 %"),
  atLeast("http.stateful-json.c16", "v2", 3, "≥ 3×"),
  atLeast("http.stateful-sse.c16", "v2", 3, "≥ 3×"),
  atMost("memory.session", 1 / 6, "≤ 1/6"),
  atMost("cold.legacy.json", 1 / 2, "≤ 1/2"),
  atMost("cold.modern.json", 1 / 2, "≤ 1/2"),
  atMost("tools.list", 1 / 4, "≤ 1/4"),
  atMost("tools.register", 1 / 4, "≤ 1/4"),
  atMost("client.legacy.cpu", 1 / 2, "≤ 1/2"),
  atMost("client.modern.cpu", 1 / 2, "≤ 1/2"),
];

/** A target checked against the run's medians. */
export interface Verdict {
  readonly target: Target;
  readonly row: Row | undefined;
  /** mcpkit's median ÷ the other's; NaN when either was not measured. */
  readonly ratio: number;
  /**
   * The lowest and highest ratio of samples taken side by side (see pairedRatios): how far one
   * round or start can land from the median on this machine. Undefined when they do not pair up.
   */
  readonly spread: readonly [low: number, high: number] | undefined;
  readonly pass: boolean;
}

export function judge(target: Target, rows: readonly Row[]): Verdict {
  const row = rows.find((candidate) => candidate.metric.key === target.key);
  const ratio = ratioOf(row, target.against);
  const pass = target.op === ">=" ? ratio >= target.bound : ratio <= target.bound;
  const paired = pairedRatios(row?.samples.mcpkit ?? [], row?.samples[target.against] ?? []);
  const spread = paired ? ([Math.min(...paired), Math.max(...paired)] as const) : undefined;
  return { target, row, ratio, spread, pass };
}

/** mcpkit's median ÷ `against`'s median for a row (NaN if either is missing). */
export function ratioOf(row: Row | undefined, against: Impl): number {
  const mine = row?.medians.mcpkit;
  const theirs = row?.medians[against];
  if (mine === undefined || theirs === undefined || theirs === 0) return Number.NaN;
  return mine / theirs;
}
