// Probe: the CPU one client process spends per tools/call against the raw stdio server (which runs
// in its own process, so its cost is not counted). Sequential calls: client overhead, nothing else.
import type { ConnectClient } from "../clients/client-handle.js";
import type { Era, Impl } from "../impls.js";
import { closedLoop } from "../load/closed-loop.js";
import type { Phases } from "../load/closed-loop.js";
import { probeInput, probeOutput } from "./probe-io.js";

const input = probeInput<{ impl: Impl; era: Era; server: string; phases: Phases }>();
const { connectClient } = (await import(`../clients/${input.impl}.js`)) as { connectClient: ConnectClient };

const client = await connectClient(process.execPath, [input.server], input.era);
// Warm up apart from the measured loop, so the CPU counter covers the measured calls only.
await closedLoop(1, { warmupMs: 0, measureMs: input.phases.warmupMs }, () => client.callEcho());
const before = process.cpuUsage();
const result = await closedLoop(1, { warmupMs: 0, measureMs: input.phases.measureMs }, () =>
  client.callEcho(),
);
const used = process.cpuUsage(before);
probeOutput({ cpuUsPerCall: (used.user + used.system) / result.ops, callsPerSec: result.opsPerSec });
await client.close();
process.exit(0);
