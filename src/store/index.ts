export { eventId, parseEventId } from "./event-store.js";
export type { EventStore, ReplayedStream, StoredEvent } from "./event-store.js";
export { createMemoryEventStore } from "./memory-event-store.js";
export type { MemoryEventStoreOptions } from "./memory-event-store.js";
