import { createMemoryTransportPair } from "mcpkit";
import type { JsonRpcPayload } from "mcpkit";
import type { MemoryPeer } from "../memory-peer.js";
import { createBenchServer } from "./server.js";

/** The bench server on mcpkit's own in-memory transport pair. */
export async function connectInMemory(onMessage: (message: unknown) => void): Promise<MemoryPeer> {
  const [clientSide, serverSide] = createMemoryTransportPair();
  await createBenchServer().connect(serverSide);
  await clientSide.start({ onMessage, onClose: () => {}, onError: () => {} });
  return { send: (message) => void clientSide.send(message as JsonRpcPayload) };
}
