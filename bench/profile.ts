// `npm run bench:profile -- [stdio|http] [mcpkit|v1|v2|raw] [seconds] [http mode]`: a CPU profile
// (node --cpu-prof) of one server under the bench's load (stdio: legacy, 16 in flight; http: 16
// clients, 2026-07-28 stateless unless a mode such as stateful-json is named), summarised as the
// functions and files with the most self time.
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isImpl } from "./impls.js";
import { HTTP_MODES } from "./impls.js";
import type { HttpMode, Impl } from "./impls.js";
import { closedLoop } from "./load/closed-loop.js";
import { HttpMcpClient } from "./load/http-client.js";
import { HttpConnection } from "./load/http-wire.js";
import { HttpServerChild } from "./load/http-server-child.js";
import { StdioPeer } from "./load/stdio-peer.js";
import { summarizeProfile } from "./lib/cpu-profile.js";
import type { SelfTime } from "./lib/cpu-profile.js";
import { buildRuntime } from "./lib/runtime-build.js";
import type { RuntimeBuild } from "./lib/runtime-build.js";
import { ECHO_TEXT, ECHO_TOOL, toolCallParams } from "./protocol.js";

const [transport = "stdio", implArg = "mcpkit", secondsArg = "5", modeArg] = process.argv.slice(2);
if (transport !== "stdio" && transport !== "http") throw new Error(`Unknown transport: ${transport}`);
if (!isImpl(implArg)) throw new Error(`Unknown implementation: ${implArg}`);
const phases = { warmupMs: 500, measureMs: Number(secondsArg) * 1000 };
const IN_FLIGHT = 16;

async function profileStdio(build: RuntimeBuild, impl: Impl, flags: string[]): Promise<number> {
  const peer = new StdioPeer(build.entry(`servers/${impl}/stdio`), { nodeFlags: flags });
  await peer.initialize();
  const params = JSON.stringify(toolCallParams(ECHO_TOOL, { text: ECHO_TEXT }, false));
  const result = await closedLoop(
    IN_FLIGHT,
    phases,
    async () => void (await peer.call("tools/call", params)),
  );
  await peer.close(); // stdin EOF: the server exits normally and writes its profile
  return result.opsPerSec;
}

async function profileHttp(build: RuntimeBuild, impl: Impl, flags: string[]): Promise<number> {
  const server = await HttpServerChild.start(build.entry(`servers/${impl}/http`), flags);
  const connections = Array.from({ length: IN_FLIGHT }, () => new HttpConnection(server.port));
  const mode = (modeArg ?? (impl === "v1" ? "stateful-json" : "modern")) as HttpMode;
  if (!HTTP_MODES.includes(mode)) throw new Error(`Unknown HTTP mode: ${mode}`);
  const clients = connections.map((connection) => new HttpMcpClient(connection, mode));
  await Promise.all(clients.map((client) => client.open()));
  const params = JSON.stringify(toolCallParams(ECHO_TOOL, { text: ECHO_TEXT }, mode === "modern"));
  const result = await closedLoop(IN_FLIGHT, phases, async (worker) => {
    await clients[worker]?.callTool(ECHO_TOOL, params);
  });
  for (const connection of connections) connection.close();
  await server.close(); // IPC disconnect: the server calls process.exit, which writes the profile
  return result.opsPerSec;
}

const build = await buildRuntime();
const dir = await mkdtemp(join(tmpdir(), "mcpkit-bench-profile-"));
try {
  const flags = ["--cpu-prof", "--cpu-prof-dir", dir];
  const rate =
    transport === "stdio"
      ? await profileStdio(build, implArg, flags)
      : await profileHttp(build, implArg, flags);
  const [file] = (await readdir(dir)).filter((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("The server wrote no profile");
  const { functions, files } = await summarizeProfile(join(dir, file));
  const show = (title: string, rows: SelfTime[]): string =>
    [
      title,
      ...rows
        .slice(0, 30)
        .map(
          (row) =>
            `${(row.share * 100).toFixed(1).padStart(5)} %  ${row.ms.toFixed(0).padStart(6)} ms  ${row.name}`,
        ),
    ].join("\n");
  process.stdout.write(
    `${implArg} over ${transport}: ${Math.round(rate)} calls/s while profiled (profiling slows it)\n` +
      `Profile: ${join(dir, file)}\n\n${show("Self time by function:", functions)}\n\n${show("Self time by file:", files)}\n`,
  );
} finally {
  await build.dispose();
}
