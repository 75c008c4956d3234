import type { Era, Impl } from "../impls.js";
import { runProbe } from "../lib/run-probe.js";
import { ERA_LABEL, phasesOf } from "./context.js";
import type { WorkloadContext } from "./context.js";

/** tools/call through the implementation's in-memory pair, in its own process (probes/in-memory). */
export async function inMemoryCalls(ctx: WorkloadContext, impl: Impl): Promise<void> {
  const inFlight = ctx.config.pipelined;
  const result = await runProbe(ctx.build.entry("probes/in-memory"), {
    impl,
    inFlight,
    phases: phasesOf(ctx.config),
  });
  const label = `in memory, legacy, ${inFlight} in flight`;
  const metric = { key: "memory-pair.pipelined", label, better: "higher", section: "throughput" } as const;
  ctx.results.add({ ...metric, unit: "calls/s" }, impl, need(result, "opsPerSec"));
  const latency = { better: "lower", section: "latency", unit: "ms" } as const;
  ctx.results.add(
    { ...latency, key: "memory-pair.pipelined.p50", label: `${label}: p50` },
    impl,
    need(result, "p50Ms"),
  );
  ctx.results.add(
    { ...latency, key: "memory-pair.pipelined.p99", label: `${label}: p99` },
    impl,
    need(result, "p99Ms"),
  );
}

/**
 * CPU the client process spends per sequential tools/call, each SDK's Client (and a raw client,
 * the floor) against the same raw stdio server in a separate process (probes/client-cost).
 */
export async function clientCost(ctx: WorkloadContext, impl: Impl, era: Era): Promise<void> {
  const result = await runProbe(ctx.build.entry("probes/client-cost"), {
    impl,
    era,
    server: ctx.build.entry("servers/raw/stdio"),
    phases: phasesOf(ctx.config),
  });
  const where = `client side, stdio, ${ERA_LABEL[era]}, against the raw server`;
  ctx.results.add(
    {
      key: `client.${era}.cpu`,
      label: `${where}: CPU per call`,
      unit: "µs",
      better: "lower",
      section: "cost",
    },
    impl,
    need(result, "cpuUsPerCall"),
  );
  ctx.results.add(
    {
      key: `client.${era}.rate`,
      label: `${where}: sequential calls`,
      unit: "calls/s",
      better: "higher",
      section: "throughput",
    },
    impl,
    need(result, "callsPerSec"),
  );
}

function need(result: Record<string, number>, key: string): number {
  const value = result[key];
  if (typeof value !== "number") throw new Error(`The probe reported no ${key}: ${JSON.stringify(result)}`);
  return value;
}
