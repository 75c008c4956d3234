import type { Era, Impl } from "../impls.js";
import { StdioPeer } from "../load/stdio-peer.js";
import { ECHO_TEXT, ECHO_TOOL, toolCallParams } from "../protocol.js";
import { rotate } from "../lib/stats.js";
import { ERA_LABEL, eachImpl } from "./context.js";
import type { WorkloadContext, WorkloadRun } from "./context.js";
import { checkText } from "./stdio-calls.js";

/**
 * Cold start: from spawning `node <server>` to the first tools/call answer (legacy: after the
 * initialize exchange; 2026-07-28: the call is the first message). The starts take turns, one
 * start of each implementation before the next of any: a slow spell of the machine (seconds on a
 * shared VM) then lands on all of them, not on one implementation's consecutive starts.
 */
export function coldStarts(era: Era): WorkloadRun {
  return async (ctx, impls) => {
    for (let sample = 0; sample < ctx.config.coldStarts; sample++) {
      await eachImpl(ctx, rotate(impls, sample), (impl) =>
        ctx.cell(impl, `start ${sample + 1}`, async () => {
          await coldStartOf(ctx, impl, era, "zod");
          await coldStartOf(ctx, impl, era, "json");
        }),
      );
    }
  };
}

/**
 * "zod": the bench servers as everywhere else, zod schemas for every SDK. "json": no schema
 * library where the SDK allows it (mcpkit: a plain JSON Schema; 2.4.0: fromJsonSchema; 1.32.2
 * needs zod either way), so the row shows the SDKs' own start-up rather than zod's ~60-110 ms.
 */
async function coldStartOf(ctx: WorkloadContext, impl: Impl, era: Era, schemas: "zod" | "json") {
  const modern = era === "modern";
  const params = JSON.stringify(toolCallParams(ECHO_TOOL, { text: ECHO_TEXT }, modern));
  const metric = {
    key: schemas === "zod" ? `cold.${era}` : `cold.${era}.json`,
    label:
      `cold start to the first tools/call answer, stdio, ${ERA_LABEL[era]}` +
      (schemas === "zod" ? ", zod schemas" : ", JSON Schema (no schema library where the SDK allows)"),
    unit: "ms",
    better: "lower",
    section: "cost",
  } as const;
  const entry = schemas === "json" && (impl === "mcpkit" || impl === "v2") ? "cold" : "stdio";
  const started = performance.now();
  const peer = new StdioPeer(ctx.build.entry(`servers/${impl}/${entry}`));
  try {
    if (!modern) await peer.initialize();
    checkText(await peer.call("tools/call", params), ECHO_TEXT.length);
    ctx.results.add(metric, impl, performance.now() - started);
  } finally {
    await peer.close();
  }
}
