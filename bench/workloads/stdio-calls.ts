import type { Era, Impl } from "../impls.js";
import { closedLoop } from "../load/closed-loop.js";
import type { LoopResult } from "../load/closed-loop.js";
import { StdioPeer } from "../load/stdio-peer.js";
import { BLOB_TOOL, ECHO_TEXT, ECHO_TOOL, toolCallParams } from "../protocol.js";
import type { Results } from "../results.js";
import { ERA_LABEL, eachImpl, phasesOf } from "./context.js";
import type { WorkloadContext } from "./context.js";

/** One measurement against a running stdio server. */
interface StdioCell {
  readonly key: string;
  readonly label: string;
  readonly inFlight: number;
  readonly params: string;
  /** The text length every answer must have. */
  readonly length: number;
}

/**
 * tools/call over stdio: sequential (1 in flight), pipelined (N in flight) and, in the legacy
 * era, results of each configured size (1 in flight). Every implementation's server runs for the
 * whole round and the cells are interleaved (each cell visits every implementation before the
 * next cell starts), so a burst of other work on the machine hits all of them alike.
 */
export async function stdioCalls(ctx: WorkloadContext, impls: readonly Impl[], era: Era): Promise<void> {
  const modern = era === "modern";
  const echo = JSON.stringify(toolCallParams(ECHO_TOOL, { text: ECHO_TEXT }, modern));
  const peers = new Map<Impl, StdioPeer>();
  try {
    await eachImpl(ctx, impls, (impl) =>
      ctx.cell(impl, "start", async () => {
        const peer = new StdioPeer(ctx.build.entry(`servers/${impl}/stdio`));
        peers.set(impl, peer);
        if (!modern) await peer.initialize();
        // The first answer waits for the process to start (a 2026-07-28 client sends no initialize).
        checkText(await peer.call("tools/call", echo), ECHO_TEXT.length);
        const warmup = { warmupMs: 0, measureMs: ctx.config.serverWarmupMs };
        await closedLoop(ctx.config.pipelined, warmup, async () =>
          checkText(await peer.call("tools/call", echo), ECHO_TEXT.length),
        );
      }),
    );
    for (const cell of cellsOf(ctx, era, echo)) {
      await eachImpl(ctx, impls, async (impl) => {
        const peer = peers.get(impl);
        if (!peer) return;
        await ctx.cell(impl, cell.key, async () => {
          const result = await closedLoop(cell.inFlight, phasesOf(ctx.config), async () =>
            checkText(await peer.call("tools/call", cell.params), cell.length),
          );
          record(ctx.results, impl, cell.key, cell.label, result);
        });
      });
    }
  } finally {
    await Promise.all([...peers.values()].map((peer) => peer.close()));
  }
}

function cellsOf(ctx: WorkloadContext, era: Era, echo: string): StdioCell[] {
  const where = `stdio, ${ERA_LABEL[era]}`;
  const { pipelined, resultSizes } = ctx.config;
  const cells: StdioCell[] = [
    {
      key: `stdio.${era}.sequential`,
      label: `${where}, sequential`,
      inFlight: 1,
      params: echo,
      length: ECHO_TEXT.length,
    },
    {
      key: `stdio.${era}.pipelined`,
      label: `${where}, ${pipelined} in flight`,
      inFlight: pipelined,
      params: echo,
      length: ECHO_TEXT.length,
    },
  ];
  if (era === "legacy") {
    for (const bytes of resultSizes) {
      cells.push({
        key: `stdio.legacy.result-${sizeName(bytes)}`,
        label: `${where}, ${sizeName(bytes)} result`,
        inFlight: 1,
        params: JSON.stringify(toolCallParams(BLOB_TOOL, { bytes }, false)),
        length: bytes,
      });
    }
  }
  return cells;
}

/** Records calls/s plus p50 and p99 latency of one cell. */
export function record(results: Results, impl: Impl, key: string, label: string, result: LoopResult): void {
  results.add(
    { key, label, unit: "calls/s", better: "higher", section: "throughput" },
    impl,
    result.opsPerSec,
  );
  const latency = { unit: "ms", better: "lower", section: "latency" } as const;
  results.add({ ...latency, key: `${key}.p50`, label: `${label}: p50` }, impl, result.p50Ms);
  results.add({ ...latency, key: `${key}.p99`, label: `${label}: p99` }, impl, result.p99Ms);
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
