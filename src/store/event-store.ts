/** One stored SSE event: the id clients resume from and the message it carried. */
export interface StoredEvent {
  readonly id: string;
  readonly message: string;
}

/**
 * Where SSE events of legacy Streamable HTTP sessions are kept so a client can resume a
 * dropped stream with `Last-Event-ID` (2025-03-26 .. 2025-11-25). Event ids encode their
 * stream, so a resume replays only that stream. Implementations: memory (default), Redis.
 */
export interface EventStore {
  /** Stores a message on a stream and returns its event id. */
  append(streamId: string, message: string): Promise<string> | string;
  /** The stream an event id belongs to and the events after it, or undefined if unknown/evicted. */
  replayAfter(eventId: string): Promise<ReplayedStream | undefined> | ReplayedStream | undefined;
  /** Forgets a stream (its requests are answered and its client has all events). */
  dropStream(streamId: string): Promise<void> | void;
}

export interface ReplayedStream {
  readonly streamId: string;
  readonly events: readonly StoredEvent[];
}

/** Event ids are `<streamId>.<sequence>`: the stream is readable from the id alone. */
export function eventId(streamId: string, sequence: number): string {
  return `${streamId}.${sequence}`;
}

export function parseEventId(id: string): { streamId: string; sequence: number } | undefined {
  const dot = id.lastIndexOf(".");
  const sequence = Number(id.slice(dot + 1));
  if (dot <= 0 || !Number.isSafeInteger(sequence)) return undefined;
  return { streamId: id.slice(0, dot), sequence };
}
