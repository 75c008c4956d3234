import type { Impl } from "../impls.js";
import { HttpMcpClient } from "../load/http-client.js";
import { HttpConnection } from "../load/http-wire.js";
import { HttpServerChild } from "../load/http-server-child.js";
import type { WorkloadContext } from "./context.js";

const OPENERS = 16;

const CHECKPOINTS = 4;

/**
 * Heap per idle legacy Streamable HTTP session, on the server's default configuration: open
 * sessions (initialize + initialized over real HTTP) in four steps, read heapUsed after full
 * collections before and after each step, and take the slope of heap over sessions (least
 * squares: steadier than one difference when a session weighs little). A fresh server child each time.
 */
export async function sessionMemory(ctx: WorkloadContext, impl: Impl): Promise<void> {
  const server = await HttpServerChild.start(ctx.build.entry(`servers/${impl}/http`));
  const connections = Array.from({ length: OPENERS }, () => new HttpConnection(server.port));
  try {
    // Warm every code path a session touches, so the baseline already holds compiled code and caches.
    await openSessions(connections, Math.min(50, ctx.config.sessions));
    const step = Math.ceil(ctx.config.sessions / CHECKPOINTS);
    const points: [number, number][] = [[0, await server.heapUsed()]];
    for (let opened = step; opened <= step * CHECKPOINTS; opened += step) {
      await openSessions(connections, step);
      points.push([opened, await server.heapUsed()]);
    }
    const metric = {
      key: "memory.session",
      label: `heap per idle legacy HTTP session (${ctx.config.sessions.toLocaleString("en")} sessions)`,
      unit: "KB",
      better: "lower",
      section: "cost",
    } as const;
    ctx.results.add(metric, impl, slope(points) / 1024);
  } finally {
    for (const connection of connections) connection.close();
    await server.close();
  }
}

/** Opens `count` sessions over the given connections, one opener per connection. */
async function openSessions(connections: readonly HttpConnection[], count: number): Promise<void> {
  let next = 0;
  const opener = async (connection: HttpConnection): Promise<void> => {
    while (next < count) {
      next++;
      await new HttpMcpClient(connection, "stateful-sse").open();
    }
  };
  await Promise.all(connections.map(opener));
}

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return covariance / variance;
}
