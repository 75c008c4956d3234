import type { HttpMode, Impl } from "../impls.js";
import { HTTP_MODES } from "../impls.js";
import { closedLoop } from "../load/closed-loop.js";
import type { LoopResult, Phases } from "../load/closed-loop.js";
import { HttpMcpClient } from "../load/http-client.js";
import { HttpServerChild } from "../load/http-server-child.js";
import { HttpConnection } from "../load/http-wire.js";
import { ECHO_TEXT, ECHO_TOOL, toolCallParams } from "../protocol.js";
import { eachImpl, phasesOf } from "./context.js";
import type { WorkloadContext } from "./context.js";
import { checkText, record } from "./stdio-calls.js";

export const HTTP_MODE_LABEL: Readonly<Record<HttpMode, string>> = {
  modern: "2026-07-28 stateless",
  "stateful-json": "legacy stateful, JSON replies",
  "stateful-sse": "legacy stateful, server default replies (SSE)",
  "stateless-json": "legacy stateless, JSON replies",
  "stateless-sse": "legacy stateless, server default replies (SSE)",
};

/**
 * tools/call over Streamable HTTP, for every configuration the servers mount and every client
 * count: each client is a raw HTTP client on its own keep-alive connection (and, stateful, its
 * own session), one request in flight per client. All servers run for the whole round and each
 * cell visits every implementation before the next one starts.
 */
export async function httpCalls(ctx: WorkloadContext, impls: readonly Impl[]): Promise<void> {
  const servers = new Map<Impl, HttpServerChild>();
  try {
    await eachImpl(ctx, impls, (impl) =>
      ctx.cell(impl, "start", async () => {
        const server = await HttpServerChild.start(ctx.build.entry(`servers/${impl}/http`));
        servers.set(impl, server);
        await warmUp(ctx, impl, server.port);
      }),
    );
    for (const mode of HTTP_MODES) {
      for (const count of ctx.config.httpClients) {
        await eachImpl(ctx, impls, async (impl) => {
          const server = servers.get(impl);
          if (!server || (mode === "modern" && impl === "v1")) return;
          await ctx.cell(impl, `${mode} ${count}`, () => measure(ctx, impl, server.port, mode, count));
        });
      }
    }
  } finally {
    await Promise.all([...servers.values()].map((server) => server.close()));
  }
}

/**
 * Load in every mode the server serves, the whole warm-up in each (see BenchConfig.serverWarmupMs),
 * not counted. Each mode runs code the others do not (per-request servers, sessions, SSE), and the
 * slowest server here does ~1,500 calls/s: a fifth of the warm-up per mode left 2.4.0's first
 * 2026-07-28 cell at ~1,100 calls/s, against ~1,600 a few seconds later.
 */
async function warmUp(ctx: WorkloadContext, impl: Impl, port: number): Promise<void> {
  const modes = HTTP_MODES.filter((mode) => !(mode === "modern" && impl === "v1"));
  const phases = { warmupMs: 0, measureMs: ctx.config.serverWarmupMs };
  for (const mode of modes) await load(port, mode, ctx.config.pipelined, phases);
}

async function measure(
  ctx: WorkloadContext,
  impl: Impl,
  port: number,
  mode: HttpMode,
  count: number,
): Promise<void> {
  const result = await load(port, mode, count, phasesOf(ctx.config));
  const label = `HTTP, ${HTTP_MODE_LABEL[mode]}, ${count} client${count === 1 ? "" : "s"}`;
  record(ctx.results, impl, `http.${mode}.c${count}`, label, result);
}

/** `count` raw clients, one request in flight each, for the given phases. */
async function load(port: number, mode: HttpMode, count: number, phases: Phases): Promise<LoopResult> {
  const params = JSON.stringify(toolCallParams(ECHO_TOOL, { text: ECHO_TEXT }, mode === "modern"));
  const connections = Array.from({ length: count }, () => new HttpConnection(port));
  try {
    const clients = connections.map((connection) => new HttpMcpClient(connection, mode));
    await Promise.all(clients.map((client) => client.open()));
    return await closedLoop(count, phases, async (worker) => {
      const client = clients[worker];
      if (!client) throw new Error(`no client ${worker}`);
      checkText(await client.callTool(ECHO_TOOL, params), ECHO_TEXT.length);
    });
  } finally {
    for (const connection of connections) connection.close();
  }
}
