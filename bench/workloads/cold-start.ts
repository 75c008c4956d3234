import type { Era, Impl } from "../impls.js";
import { StdioPeer } from "../load/stdio-peer.js";
import { ECHO_TEXT, ECHO_TOOL, toolCallParams } from "../protocol.js";
import { ERA_LABEL } from "./context.js";
import type { WorkloadContext } from "./context.js";
import { checkText } from "./stdio-calls.js";

/**
 * Cold start: from spawning `node <server>` to the first tools/call answer (legacy: after the
 * initialize exchange; 2026-07-28: the call is the first message).
 */
export async function coldStart(ctx: WorkloadContext, impl: Impl, era: Era): Promise<void> {
  const modern = era === "modern";
  const params = JSON.stringify(toolCallParams(ECHO_TOOL, { text: ECHO_TEXT }, modern));
  const metric = {
    key: `cold.${era}`,
    label: `cold start to the first tools/call answer, stdio, ${ERA_LABEL[era]}`,
    unit: "ms",
    better: "lower",
    section: "cost",
  } as const;
  for (let sample = 0; sample < ctx.config.coldStarts; sample++) {
    const started = performance.now();
    const peer = new StdioPeer(ctx.build.entry(`servers/${impl}/stdio`));
    try {
      if (!modern) await peer.initialize();
      checkText(await peer.call("tools/call", params), ECHO_TEXT.length);
      ctx.results.add(metric, impl, performance.now() - started);
    } finally {
      await peer.close();
    }
  }
}
