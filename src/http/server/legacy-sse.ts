import { SdkError, SdkErrorCode } from "../../jsonrpc/index.js";
import type { JsonRpcPayload } from "../../jsonrpc/index.js";
import type { ServerConnection } from "../../protocol/index.js";
import type { MessageInfo, Transport, TransportHandlers } from "../../transport/index.js";
import type { HttpServable } from "./connectable.js";
import type { HttpReply } from "./exchange.js";
import { newSessionId } from "./sessions.js";
import { SseStream } from "./sse.js";

/**
 * The 2024-11-05 HTTP+SSE transport: a GET opens an SSE stream whose first event, `endpoint`,
 * names the URL to POST messages to; every server message travels on that stream. Served on the
 * same endpoint as Streamable HTTP (a GET without a session), as the spec suggests.
 */
export class LegacySseSessions {
  readonly #sessions = new Map<string, { transport: LegacySseTransport; connection: ServerConnection }>();

  /** Opens a stream: connects a server connection to it and announces the POST endpoint. */
  async open(request: { readonly url: string }, server: HttpServable): Promise<HttpReply> {
    const id = newSessionId();
    const transport = new LegacySseTransport(() => this.#sessions.delete(id));
    const connection = await server.connect(transport, { legacyOnly: true });
    this.#sessions.set(id, { transport, connection });
    const url = new URL(request.url);
    transport.announce(`${url.pathname}?sessionId=${id}`);
    return transport.sse.toReply();
  }

  /** A POST to the announced endpoint: the message is delivered, the answer goes on the stream. */
  deliver(sessionId: string, payload: unknown, info: MessageInfo): boolean {
    const session = this.#sessions.get(sessionId);
    if (!session) return false;
    session.transport.deliver(payload, info);
    return true;
  }

  async closeAll(): Promise<void> {
    const all = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(all.map((session) => session.connection.close()));
  }
}

class LegacySseTransport implements Transport {
  readonly sse: SseStream;
  #handlers: TransportHandlers | undefined;
  #closed = false;
  readonly #onClosed: () => void;

  constructor(onClosed: () => void) {
    this.#onClosed = onClosed;
    this.sse = new SseStream(() => void this.close());
  }

  announce(endpoint: string): void {
    this.sse.send({ event: "endpoint", data: endpoint });
  }

  start(handlers: TransportHandlers): Promise<void> {
    this.#handlers = handlers;
    return Promise.resolve();
  }

  deliver(payload: unknown, info: MessageInfo): void {
    this.#handlers?.onMessage(payload, info);
  }

  send(payload: JsonRpcPayload): Promise<void> {
    if (this.#closed || !this.sse.send({ event: "message", data: JSON.stringify(payload) })) {
      return Promise.reject(new SdkError(SdkErrorCode.Closed, "The SSE stream is closed"));
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.sse.close();
      this.#onClosed();
      this.#handlers?.onClose();
    }
    return Promise.resolve();
  }
}
