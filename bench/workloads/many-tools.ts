import type { Impl } from "../impls.js";
import { closedLoop } from "../load/closed-loop.js";
import { StdioPeer } from "../load/stdio-peer.js";
import { readReport } from "../servers/report.js";
import { phasesOf } from "./context.js";
import type { WorkloadContext } from "./context.js";

/**
 * A server with many tools: the time its process took to register them (measured inside it, cold,
 * as at every start-up), the first tools/list and the median steady-state tools/list over stdio,
 * and the whole way from spawning it to the first tools/list answer. That last row keeps the
 * others honest: an SDK that defers schema conversion out of registration (mcpkit converts at
 * connect, 2.4.0 in every tools/list) still pays for it there.
 */
export async function manyTools(ctx: WorkloadContext, impl: Impl): Promise<void> {
  const count = ctx.config.manyTools;
  const spawned = performance.now();
  const peer = new StdioPeer(ctx.build.entry(`servers/${impl}/stdio`), {
    env: { BENCH_TOOLS: String(count) },
  });
  try {
    await peer.initialize();
    const list = async (): Promise<void> => {
      const { tools } = await peer.call("tools/list");
      if (!Array.isArray(tools) || tools.length !== count + 2) {
        throw new Error(`tools/list listed ${Array.isArray(tools) ? tools.length : "no"} tools`);
      }
    };
    const firstStarted = performance.now();
    await list();
    const first = performance.now() - firstStarted;
    const startup = performance.now() - spawned;
    const steady = await closedLoop(1, phasesOf(ctx.config), list);
    const report = await registration(peer);
    const n = count.toLocaleString("en");
    const metric = (key: string, label: string) =>
      ({ key, label, unit: "ms", better: "lower", section: "cost" }) as const;
    ctx.results.add(metric("tools.register", `register ${n} tools (zod input schemas)`), impl, report);
    ctx.results.add(metric("tools.list", `tools/list of ${n} tools, stdio (median)`), impl, steady.p50Ms);
    ctx.results.add(metric("tools.list.first", `first tools/list of ${n} tools, stdio`), impl, first);
    const startupLabel = `spawn to the first tools/list answer, ${n} tools (start, register, initialize, list)`;
    ctx.results.add(metric("tools.startup", startupLabel), impl, startup);
  } finally {
    await peer.close();
  }
}

/** The registration time the server printed on stderr before it started serving. */
async function registration(peer: StdioPeer): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const registerMs = readReport(peer.stderr)?.registerMs;
    if (registerMs !== undefined) return registerMs;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`The server reported no registration time: ${peer.stderr.slice(-500)}`);
}
