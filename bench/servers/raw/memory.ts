import type { MemoryPeer } from "../memory-peer.js";
import { answer } from "./core.js";

/** The raw server in memory: each message answered on a microtask, as the SDKs' pairs deliver. */
export function connectInMemory(onMessage: (message: unknown) => void): Promise<MemoryPeer> {
  return Promise.resolve({
    send: (message) =>
      queueMicrotask(() => {
        const reply = answer(message);
        if (reply) queueMicrotask(() => onMessage(reply));
      }),
  });
}
