import type { ServerConnection } from "../../protocol/index.js";
import type { ReplyChannel } from "./reply-channel.js";
import type { SessionTransport } from "./session-transport.js";

/** One legacy Streamable HTTP session. */
export interface HttpSession {
  readonly id: string;
  readonly transport: SessionTransport;
  readonly connection: ServerConnection;
  /** Live resumable streams of this session, by stream id; made on first use, dropped when empty. */
  streams: Map<string, ReplyChannel> | undefined;
  lastSeen: number;
}

/** Limits on legacy sessions. */
export interface SessionLimits {
  /** A session unused this long is closed. Default 30 minutes. */
  readonly idleTtlMs?: number;
  /** Most sessions at once; past it the least recently used one is closed. Default 10,000. */
  readonly maxSessions?: number;
}

/** A session id: 128 random bits from Web Crypto, hex (visible ASCII, as the spec requires). */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = "";
  for (const byte of bytes) id += byte.toString(16).padStart(2, "0");
  return id;
}

/** Unique to this process (random) so that stream ids never repeat across restarts sharing a store. */
let streamNonce: string | undefined;
let streamCount = 0;

/**
 * A new stream id within a session: `<session id>-<process nonce><counter>`. The session id
 * (the secret) scopes it; the rest only has to be unique, so it is a counter, not 16 fresh random
 * bytes per POST (Web Crypto costs ~20 µs per call here, a tenth of a whole request).
 */
export function newStreamId(sessionId: string): string {
  streamNonce ??= newSessionId().slice(0, 8);
  return `${sessionId}-${streamNonce}${(streamCount++).toString(36)}`;
}

/**
 * The sessions of one handler. Expiry is checked when a session is looked up and when one is
 * added (no background timer). A full table evicts its least recently used session, so a flood
 * of abandoned sessions can never lock new clients out.
 */
export class SessionTable {
  readonly #sessions = new Map<string, HttpSession>();
  readonly #idleTtlMs: number;
  readonly #max: number;

  constructor(limits: SessionLimits = {}) {
    this.#idleTtlMs = limits.idleTtlMs ?? 30 * 60_000;
    this.#max = limits.maxSessions ?? 10_000;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** The live session with this id (touching it), or undefined if unknown or expired. */
  get(id: string): HttpSession | undefined {
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    if (Date.now() - session.lastSeen > this.#idleTtlMs) {
      this.#end(session);
      return undefined;
    }
    session.lastSeen = Date.now();
    // Re-insert so iteration order is least recently used first.
    this.#sessions.delete(id);
    this.#sessions.set(id, session);
    return session;
  }

  add(session: HttpSession): void {
    this.#sweep();
    while (this.#sessions.size >= this.#max) {
      const oldest = this.#sessions.values().next().value;
      if (!oldest) break;
      this.#end(oldest);
    }
    this.#sessions.set(session.id, session);
  }

  /** Ends a session (DELETE, or its connection closed). */
  delete(id: string): boolean {
    const session = this.#sessions.get(id);
    if (!session) return false;
    this.#end(session);
    return true;
  }

  async closeAll(): Promise<void> {
    const all = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(all.map((session) => session.connection.close()));
  }

  #sweep(): void {
    const now = Date.now();
    for (const session of this.#sessions.values()) {
      if (now - session.lastSeen <= this.#idleTtlMs) break; // LRU order: the rest are fresher
      this.#end(session);
    }
  }

  #end(session: HttpSession): void {
    this.#sessions.delete(session.id);
    void session.connection.close();
  }
}
