import { eventId, parseEventId } from "./event-store.js";
import type { EventStore, ReplayedStream, StoredEvent } from "./event-store.js";

/** Options of the in-memory event store. */
export interface MemoryEventStoreOptions {
  /** Total bytes kept across streams; the oldest streams are evicted past it. Default 16 MiB. */
  readonly maxBytes?: number;
}

interface Stream {
  events: StoredEvent[];
  next: number;
  bytes: number;
}

/**
 * Keeps events in memory with a byte cap: when full, whole streams are evicted oldest first
 * (a half-evicted stream could not be replayed faithfully anyway).
 *
 * @example
 * const handler = createMcpHandler(mcp, { eventStore: createMemoryEventStore({ maxBytes: 64 << 20 }) });
 */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): EventStore {
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  const streams = new Map<string, Stream>();
  let total = 0;

  const evictUntilFits = () => {
    for (const [id, stream] of streams) {
      if (total <= maxBytes) return;
      total -= stream.bytes;
      streams.delete(id);
    }
  };

  return {
    append(streamId, message) {
      let stream = streams.get(streamId);
      if (!stream) streams.set(streamId, (stream = { events: [], next: 0, bytes: 0 }));
      const id = eventId(streamId, stream.next++);
      stream.events.push({ id, message });
      stream.bytes += message.length * 2;
      total += message.length * 2;
      if (total > maxBytes) evictUntilFits();
      return id;
    },
    replayAfter(id): ReplayedStream | undefined {
      const parsed = parseEventId(id);
      const stream = parsed && streams.get(parsed.streamId);
      if (!parsed || !stream) return undefined;
      return {
        streamId: parsed.streamId,
        events: stream.events.filter((event) => parseEventId(event.id)!.sequence > parsed.sequence),
      };
    },
    dropStream(streamId) {
      const stream = streams.get(streamId);
      if (!stream) return;
      total -= stream.bytes;
      streams.delete(streamId);
    },
  };
}
