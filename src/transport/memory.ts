import { SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import type { JsonRpcPayload } from "../jsonrpc/index.js";
import type { Transport, TransportHandlers } from "./transport.js";

/**
 * One end of an in-memory pair. Messages are delivered on a microtask, so sending never re-enters
 * the receiver synchronously, and order is kept. Messages sent before the peer starts are queued.
 */
class MemoryTransport implements Transport {
  #peer: MemoryTransport | undefined;
  #handlers: TransportHandlers | undefined;
  #queue: unknown[] = [];
  #closed = false;

  link(peer: MemoryTransport): void {
    this.#peer = peer;
  }

  start(handlers: TransportHandlers): Promise<void> {
    if (this.#handlers)
      return Promise.reject(new SdkError(SdkErrorCode.AlreadyConnected, "Transport already started"));
    this.#handlers = handlers;
    const queued = this.#queue;
    this.#queue = [];
    for (const payload of queued) handlers.onMessage(payload);
    return Promise.resolve();
  }

  send(payload: JsonRpcPayload): Promise<void> {
    const peer = this.#peer;
    if (this.#closed || !peer || peer.#closed) {
      return Promise.reject(new SdkError(SdkErrorCode.Closed, "In-memory transport is closed"));
    }
    queueMicrotask(() => peer.#deliver(payload));
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#handlers?.onClose();
    const peer = this.#peer;
    if (peer && !peer.#closed) queueMicrotask(() => void peer.close());
    return Promise.resolve();
  }

  #deliver(payload: unknown): void {
    if (this.#closed) return;
    if (this.#handlers) this.#handlers.onMessage(payload);
    else this.#queue.push(payload);
  }
}

/**
 * Two linked transports: what one sends, the other receives. For tests and for running a client
 * and a server in one process.
 *
 * @example
 * const [clientSide, serverSide] = createMemoryTransportPair();
 * await server.connect(serverSide);
 * await client.connect(clientSide);
 */
export function createMemoryTransportPair(): [Transport, Transport] {
  const a = new MemoryTransport();
  const b = new MemoryTransport();
  a.link(b);
  b.link(a);
  return [a, b];
}
