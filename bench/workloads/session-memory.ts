import type { Impl } from "../impls.js";
import { HttpMcpClient } from "../load/http-client.js";
import { HttpPoster } from "../load/http-peer.js";
import { HttpServerChild } from "../load/http-server-child.js";
import type { WorkloadContext } from "./context.js";

const OPENERS = 16;

/**
 * Heap per idle legacy Streamable HTTP session, on the server's default configuration: open
 * sessions (initialize + initialized over real HTTP), collect garbage, and divide the growth of
 * heapUsed by the number of sessions. A fresh server child per measurement.
 */
export async function sessionMemory(ctx: WorkloadContext, impl: Impl): Promise<void> {
  const server = await HttpServerChild.start(ctx.build.entry(`servers/${impl}/http`));
  const poster = new HttpPoster(server.port, OPENERS);
  try {
    // Warm every code path a session touches, so the baseline already holds compiled code and caches.
    await openSessions(poster, Math.min(50, ctx.config.sessions));
    const before = await server.heapUsed();
    await openSessions(poster, ctx.config.sessions);
    const after = await server.heapUsed();
    const metric = {
      key: "memory.session",
      label: `heap per idle legacy HTTP session (${ctx.config.sessions.toLocaleString("en")} sessions)`,
      unit: "KB",
      better: "lower",
      section: "cost",
    } as const;
    ctx.results.add(metric, impl, (after - before) / ctx.config.sessions / 1024);
  } finally {
    poster.close();
    await server.close();
  }
}

async function openSessions(poster: HttpPoster, count: number): Promise<void> {
  let next = 0;
  const opener = async (): Promise<void> => {
    while (next < count) {
      next++;
      await new HttpMcpClient(poster, "stateful-sse").open();
    }
  };
  await Promise.all(Array.from({ length: OPENERS }, opener));
}
