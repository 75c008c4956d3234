// Probe: tools/call through each implementation's in-memory transport pair, from raw JSON-RPC
// objects (no client SDK), with a fixed number in flight.
import type { Impl } from "../impls.js";
import { closedLoop } from "../load/closed-loop.js";
import type { Phases } from "../load/closed-loop.js";
import { ECHO_TEXT, ECHO_TOOL, checkResult, initializeParams, responseId } from "../protocol.js";
import type { ConnectInMemory } from "../servers/memory-peer.js";
import { probeInput, probeOutput } from "./probe-io.js";

const input = probeInput<{ impl: Impl; phases: Phases; inFlight: number }>();
const { connectInMemory } = (await import(`../servers/${input.impl}/memory.js`)) as {
  connectInMemory: ConnectInMemory;
};

const waiting = new Map<number, (message: unknown) => void>();
const peer = await connectInMemory((message) => {
  const id = responseId(message);
  const resolve = typeof id === "number" ? waiting.get(id) : undefined;
  if (resolve && typeof id === "number") {
    waiting.delete(id);
    resolve(message);
  }
});
let nextId = 1;
const request = (method: string, params: object): Promise<unknown> =>
  new Promise((resolve) => {
    const id = nextId++;
    waiting.set(id, resolve);
    peer.send({ jsonrpc: "2.0", id, method, params });
  });

checkResult(await request("initialize", initializeParams()));
peer.send({ jsonrpc: "2.0", method: "notifications/initialized" });
const result = await closedLoop(input.inFlight, input.phases, async () => {
  // A fresh object per call, as a transport that parsed it from bytes would hand over.
  checkResult(await request("tools/call", { name: ECHO_TOOL, arguments: { text: ECHO_TEXT } }));
});
probeOutput({ ...result });
process.exit(0);
