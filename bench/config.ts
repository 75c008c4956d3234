/** How long and how often each workload runs: the full run, or a seconds-long smoke run. */
export interface BenchConfig {
  readonly smoke: boolean;
  /**
   * Rounds over every workload; implementations are interleaved inside each round. Five, not
   * three: on a shared 2-core VM one round of an HTTP cell can land 25 % from the others, and the
   * median of three moved the HTTP 2026-07-28 ratio from 5.9x to 8.8x between runs of one commit.
   */
  readonly rounds: number;
  /** Warm-up (not counted) and measured window of each throughput cell. */
  readonly warmupMs: number;
  readonly measureMs: number;
  /**
   * Load each server takes once after it starts, before any cell measures it (pipelined calls, not
   * counted), so every implementation is measured with its hot code compiled: a JIT needs more
   * calls for more code, and a 300 ms cell warm-up left mcpkit's stdio server at half its speed.
   */
  readonly serverWarmupMs: number;
  /** In flight on stdio when pipelined, and the HTTP client counts. */
  readonly pipelined: number;
  readonly httpClients: readonly number[];
  /** Result sizes of the size workload, in bytes. */
  readonly resultSizes: readonly number[];
  /** Idle legacy sessions opened for the memory-per-session workload. */
  readonly sessions: number;
  /** Tools registered for the tools/list and registration workloads. */
  readonly manyTools: number;
  /**
   * Cold starts per implementation and era in each round. Four, not two: a process start on a
   * shared VM swings by tens of milliseconds, and the median of six moved a ratio by 0.15.
   */
  readonly coldStarts: number;
  /**
   * Run the implementations of a workload at the same time. Only the smoke run does: it checks
   * that everything works, and two cores then finish it in half the time; numbers mean nothing.
   */
  readonly parallel: boolean;
}

export const FULL: BenchConfig = {
  smoke: false,
  rounds: 5,
  warmupMs: 300,
  measureMs: 700,
  serverWarmupMs: 1_500,
  pipelined: 16,
  httpClients: [1, 16, 64],
  resultSizes: [1_024, 100 * 1_024, 10 * 1_024 * 1_024],
  sessions: 1_000,
  manyTools: 1_000,
  coldStarts: 4,
  parallel: false,
};

/** Tiny counts: every workload and every target row still runs, so the harness cannot rot. */
export const SMOKE: BenchConfig = {
  ...FULL,
  smoke: true,
  rounds: 1,
  warmupMs: 20,
  measureMs: 50,
  serverWarmupMs: 20,
  // The target rows are at 16 clients; the other counts run the same code.
  httpClients: [16],
  sessions: 200,
  coldStarts: 1,
  parallel: true,
};
