import type { JsonRpcPayload } from "../../src/jsonrpc/index.js";
import { createMemoryTransportPair } from "../../src/transport/index.js";
import type { Transport } from "../../src/transport/index.js";

/**
 * A wire-level peer for tests: sends exactly what the test says and collects every payload the
 * other side sends, so tests can assert the exact answer of each revision.
 */
export class RawPeer {
  readonly received: unknown[] = [];
  #transport: Transport;
  #waiters: { count: number; resolve: () => void }[] = [];

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  async start(): Promise<void> {
    await this.#transport.start({
      onMessage: (payload) => {
        this.received.push(payload);
        this.#waiters = this.#waiters.filter((w) =>
          this.received.length >= w.count ? (w.resolve(), false) : true,
        );
      },
      onClose: () => {},
      onError: () => {},
    });
  }

  send(payload: unknown): Promise<void> {
    return this.#transport.send(payload as JsonRpcPayload);
  }

  /** Sends a payload and resolves with the next payload received. */
  async exchange(payload: unknown, timeoutMs = 2_000): Promise<unknown> {
    const index = this.received.length;
    await this.send(payload);
    await this.waitFor(index + 1, timeoutMs);
    return this.received[index];
  }

  /** Waits until `count` payloads have been received in total. */
  waitFor(count: number, timeoutMs = 2_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${count} payloads`)), timeoutMs);
      this.#waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  close(): Promise<void> {
    return this.#transport.close();
  }
}

/** A raw peer linked in memory to the transport it returns (hand that one to the code under test). */
export async function createRawPeer(): Promise<{ peer: RawPeer; transport: Transport }> {
  const [mine, theirs] = createMemoryTransportPair();
  const peer = new RawPeer(mine);
  await peer.start();
  return { peer, transport: theirs };
}
