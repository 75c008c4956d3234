import { InMemoryTransport } from "@modelcontextprotocol/server";
import type { JSONRPCMessage } from "@modelcontextprotocol/server";
import type { MemoryPeer } from "../memory-peer.js";
import { createBenchServer } from "./server.js";

/** The bench server on the official 2.4.0 InMemoryTransport pair (legacy era, hand-wired). */
export async function connectInMemory(onMessage: (message: unknown) => void): Promise<MemoryPeer> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createBenchServer().connect(serverSide);
  clientSide.onmessage = onMessage;
  await clientSide.start();
  return { send: (message) => void clientSide.send(message as JSONRPCMessage) };
}
