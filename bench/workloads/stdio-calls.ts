import type { Era, Impl } from "../impls.js";
import { closedLoop } from "../load/closed-loop.js";
import type { LoopResult } from "../load/closed-loop.js";
import { StdioPeer } from "../load/stdio-peer.js";
import { BLOB_TOOL, ECHO_TEXT, ECHO_TOOL, toolCallParams } from "../protocol.js";
import type { Results } from "../results.js";
import { ERA_LABEL, phasesOf } from "./context.js";
import type { WorkloadContext } from "./context.js";

/**
 * tools/call over stdio against one server process: sequential (1 in flight), pipelined
 * (N in flight), and, in the legacy era, results of each configured size (1 in flight).
 */
export async function stdioCalls(ctx: WorkloadContext, impl: Impl, era: Era): Promise<void> {
  const { config, results } = ctx;
  const modern = era === "modern";
  const peer = new StdioPeer(ctx.build.entry(`servers/${impl}/stdio`));
  try {
    if (!modern) await peer.initialize();
    const echo = JSON.stringify(toolCallParams(ECHO_TOOL, { text: ECHO_TEXT }, modern));
    const callEcho = async (): Promise<void> =>
      checkText(await peer.call("tools/call", echo), ECHO_TEXT.length);
    const phases = phasesOf(config);
    const where = `stdio, ${ERA_LABEL[era]}`;
    record(
      results,
      impl,
      `stdio.${era}.sequential`,
      `${where}, sequential`,
      await closedLoop(1, phases, callEcho),
    );
    const pipelined = await closedLoop(config.pipelined, phases, callEcho);
    record(results, impl, `stdio.${era}.pipelined`, `${where}, ${config.pipelined} in flight`, pipelined);
    if (modern) return;
    for (const bytes of config.resultSizes) {
      const blob = JSON.stringify(toolCallParams(BLOB_TOOL, { bytes }, false));
      const result = await closedLoop(1, phases, async () =>
        checkText(await peer.call("tools/call", blob), bytes),
      );
      record(
        results,
        impl,
        `stdio.legacy.result-${sizeName(bytes)}`,
        `${where}, ${sizeName(bytes)} result`,
        result,
      );
    }
  } finally {
    await peer.close();
  }
}

/** Records calls/s plus p50 and p99 latency of one cell. */
export function record(results: Results, impl: Impl, key: string, label: string, result: LoopResult): void {
  results.add(
    { key, label, unit: "calls/s", better: "higher", section: "throughput" },
    impl,
    result.opsPerSec,
  );
  results.add(
    { key: `${key}.p50`, label: `${label}: p50`, unit: "ms", better: "lower", section: "latency" },
    impl,
    result.p50Ms,
  );
  results.add(
    { key: `${key}.p99`, label: `${label}: p99`, unit: "ms", better: "lower", section: "latency" },
    impl,
    result.p99Ms,
  );
}

/** Throws unless the result's first text block has the expected length (a fast error is no answer). */
export function checkText(result: Record<string, unknown>, length: number): void {
  const content = result.content;
  const first = Array.isArray(content) ? (content[0] as { text?: unknown } | undefined) : undefined;
  if (typeof first?.text !== "string" || first.text.length !== length) {
    throw new Error(`Unexpected tool result: ${JSON.stringify(result).slice(0, 200)}`);
  }
}

export function sizeName(bytes: number): string {
  if (bytes >= 1_048_576) return `${bytes / 1_048_576} MB`;
  if (bytes >= 1_024) return `${bytes / 1_024} KB`;
  return `${bytes} B`;
}
