import { quantile } from "../lib/stats.js";

/** How long a closed-loop cell runs: warm-up first (not counted), then the measured window. */
export interface Phases {
  readonly warmupMs: number;
  readonly measureMs: number;
}

/** Throughput and latency of one measured window. */
export interface LoopResult {
  readonly opsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ops: number;
}

/**
 * Keeps `concurrency` requests in flight: each worker issues the next request as soon as its
 * previous one is answered. Only requests started inside the measured window count, and every
 * worker completes at least one of them, so even a 10 MB call that outlasts the window is measured.
 */
export async function closedLoop(
  concurrency: number,
  phases: Phases,
  issue: (worker: number) => Promise<void>,
): Promise<LoopResult> {
  const measureStart = performance.now() + phases.warmupMs;
  const end = measureStart + phases.measureMs;
  const latencies: number[] = [];
  let last = measureStart;

  const worker = async (index: number): Promise<void> => {
    let measured = false;
    for (;;) {
      const started = performance.now();
      if (started >= end && measured) return;
      await issue(index);
      const done = performance.now();
      if (started >= measureStart || done >= end) {
        // A warm-up request still running at the end of the window counts from the window's start.
        latencies.push(done - Math.max(started, measureStart));
        measured = true;
        if (done > last) last = done;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  const seconds = (last - measureStart) / 1000;
  return {
    opsPerSec: latencies.length / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    ops: latencies.length,
  };
}
