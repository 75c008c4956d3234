/** The load generator's end of an in-memory transport pair: raw JSON-RPC objects in and out. */
export interface MemoryPeer {
  send(message: object): void;
}

/** What each implementation's `memory.ts` exports. */
export type ConnectInMemory = (onMessage: (message: unknown) => void) => Promise<MemoryPeer>;
