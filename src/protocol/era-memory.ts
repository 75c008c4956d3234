import type { Era } from "./versions.js";

/** What a client learned about one server's era, worth remembering for the next connect. */
export interface RememberedEra {
  readonly era: Era;
  readonly protocolVersion: string;
}

/**
 * The era each server spoke, keyed by the transport's `peer` (a URL, a command line). A client
 * that remembers "legacy" skips the 2026-07-28 probe, which for a silent legacy stdio server
 * costs the whole probe timeout; one that remembers a modern version asks for it directly.
 */
export interface EraMemory {
  get(peer: string): RememberedEra | undefined;
  set(peer: string, era: RememberedEra): void;
  delete(peer: string): void;
}

/** An in-memory EraMemory that forgets the least recently used peer beyond `maxPeers`. */
export function createEraMemory(maxPeers = 256): EraMemory {
  const peers = new Map<string, RememberedEra>();
  return {
    get(peer) {
      const known = peers.get(peer);
      if (known) {
        // Map order is insertion order: re-inserting marks the peer as recently used.
        peers.delete(peer);
        peers.set(peer, known);
      }
      return known;
    },
    set(peer, era) {
      peers.delete(peer);
      peers.set(peer, era);
      if (peers.size > maxPeers) peers.delete(peers.keys().next().value as string);
    },
    delete(peer) {
      peers.delete(peer);
    },
  };
}

/** The memory every Client shares unless given its own (or `false`). */
export const processEraMemory: EraMemory = createEraMemory();
