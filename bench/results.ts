import type { Impl } from "./impls.js";
import { median } from "./lib/stats.js";

/** What one row of the report measures. */
export interface Metric {
  /** Stable id, e.g. "stdio.legacy.pipelined"; targets refer to it. */
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** Whether a bigger number is better (throughput) or a smaller one (time, bytes, CPU). */
  readonly better: "higher" | "lower";
  /** Which table of the report it belongs to. */
  readonly section: Section;
}

export type Section = "throughput" | "latency" | "cost";

/** The medians of one metric, per implementation measured. */
export interface Row {
  readonly metric: Metric;
  readonly medians: Partial<Record<Impl, number>>;
  readonly samples: Partial<Record<Impl, readonly number[]>>;
}

/** Every sample of the run, grouped by metric (in the order metrics were first seen) and implementation. */
export class Results {
  readonly #rows = new Map<string, { metric: Metric; samples: Map<Impl, number[]> }>();

  add(metric: Metric, impl: Impl, value: number): void {
    let row = this.#rows.get(metric.key);
    if (!row) this.#rows.set(metric.key, (row = { metric, samples: new Map() }));
    let samples = row.samples.get(impl);
    if (!samples) row.samples.set(impl, (samples = []));
    samples.push(value);
  }

  rows(): Row[] {
    return [...this.#rows.values()].map(({ metric, samples }) => ({
      metric,
      medians: Object.fromEntries([...samples].map(([impl, values]) => [impl, median(values)])),
      samples: Object.fromEntries(samples),
    }));
  }

  row(key: string): Row | undefined {
    return this.rows().find((row) => row.metric.key === key);
  }
}
