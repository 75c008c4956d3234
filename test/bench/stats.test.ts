import { describe, expect, it } from "vitest";
import { pairedRatios } from "../../bench/lib/stats.js";
import { targetsTable } from "../../bench/report/tables.js";
import { TARGETS, judge } from "../../bench/report/targets.js";
import type { Row } from "../../bench/results.js";

/* The targets table's spread column: ratios of samples taken side by side, never mixed up. */

function row(key: string, mcpkit: number[], v2: number[]): Row {
  return {
    metric: { key, label: key, unit: "calls/s", better: "higher", section: "throughput" },
    medians: { mcpkit: mcpkit[1] ?? Number.NaN, v2: v2[1] ?? Number.NaN },
    samples: { mcpkit, v2 },
  };
}

describe("side-by-side ratios", () => {
  it("divides the i-th sample by the i-th sample, not sorted values", () => {
    expect(pairedRatios([10, 40, 20], [5, 10, 20])).toEqual([2, 4, 1]);
  });

  it("refuses samples that do not pair up (a failed cell shifts every later pair)", () => {
    expect(pairedRatios([10, 40, 20], [5, 10])).toBeUndefined();
    expect(pairedRatios([], [])).toBeUndefined();
  });

  it("shows the lowest and highest pair beside the ratio of the medians", () => {
    const target = TARGETS.find(
      (candidate) => candidate.key === "http.modern.c16" && candidate.against === "v2",
    );
    if (!target) throw new Error("the HTTP target is gone");
    // Medians 12,000 / 1,500 = 8×; the rounds alone were 7×, 8× and 10×.
    const verdict = judge(target, [row(target.key, [10_500, 12_000, 15_000], [1_500, 1_500, 1_500])]);
    expect(verdict.ratio).toBe(8);
    expect(verdict.spread).toEqual([7, 10]);
    expect(targetsTable([verdict])).toMatch(/\| 8\.00× +\| 7\.00× – 10\.0× +\|/);
  });
});
