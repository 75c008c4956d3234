import type { JsonRpcPayload, RequestId } from "../jsonrpc/index.js";

/**
 * What a transport knows about one inbound message besides its body. Every field is optional:
 * stdio has none of them, HTTP has headers and a per-request signal.
 */
export interface MessageInfo {
  /** The HTTP request headers the message came with. */
  readonly headers?: Headers;
  /** Aborted when the underlying carrier goes away (e.g. the HTTP client disconnected). */
  readonly signal?: AbortSignal;
  /** Verified credentials, when an auth layer put them there. */
  readonly authInfo?: Readonly<Record<string, unknown>>;
  /**
   * Ends the HTTP stream carrying this request's answers now, while the request goes on: the
   * client reconnects with Last-Event-ID to collect the rest (SSE polling, SEP-1699).
   */
  readonly closeStream?: () => void;
}

/** Callbacks a transport drives; the session above owns them. */
export interface TransportHandlers {
  /**
   * A parsed JSON value arrived. It is untrusted: the session validates it. Batches arrive as arrays.
   * Bytes that are not JSON never get here; the transport answers or reports them itself.
   */
  onMessage(payload: unknown, info?: MessageInfo): void;
  /** The transport closed (peer went away or close() was called). Called once. */
  onClose(): void;
  /** Something went wrong that did not close the transport (a bad frame, a write failure). */
  onError(error: Error): void;
}

/** Options for one outbound message. */
export interface SendOptions {
  /** The inbound request this message belongs to, so HTTP can put it on that request's stream. */
  readonly relatedRequestId?: RequestId;
}

/**
 * A bidirectional carrier of JSON-RPC payloads. It frames and moves messages and knows nothing of
 * MCP: no versions, no sessions' meaning, no handlers.
 *
 * @example
 * await transport.start({ onMessage: (m) => console.log(m), onClose: () => {}, onError: console.error });
 * await transport.send({ jsonrpc: "2.0", method: "notifications/initialized" });
 */
export interface Transport {
  /** Begins delivery to `handlers`. Called once; a second call rejects. */
  start(handlers: TransportHandlers): Promise<void>;
  /** Sends a message or a batch. Rejects if the transport is closed. */
  send(payload: JsonRpcPayload, options?: SendOptions): Promise<void>;
  /** Stops the transport and releases its resources; idempotent. Calls onClose once. */
  close(): Promise<void>;
  /**
   * Names the server this transport reaches (a URL, a command line), so that a client can
   * remember what it learned about that server (its era) for the next connect.
   */
  readonly peer?: string;
}
