import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { MemoryPeer } from "../memory-peer.js";
import { createBenchServer } from "./server.js";

/** The bench server on the official 1.32.2 InMemoryTransport pair. */
export async function connectInMemory(onMessage: (message: unknown) => void): Promise<MemoryPeer> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createBenchServer().connect(serverSide);
  clientSide.onmessage = onMessage;
  await clientSide.start();
  return { send: (message) => void clientSide.send(message as JSONRPCMessage) };
}
