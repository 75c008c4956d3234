import type { HttpMode } from "../impls.js";
import {
  LEGACY_VERSION,
  MODERN_VERSION,
  checkResult,
  initializeParams,
  notificationLine,
  requestLine,
  responseId,
} from "../protocol.js";
import type { HttpConnection, HttpReply } from "./http-wire.js";
import { sseMessages } from "./sse.js";

const BASE_HEADERS = "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n";

/**
 * One raw Streamable HTTP client of the load generator, on a keep-alive connection. Legacy
 * clients initialize first (stateful ones keep their Mcp-Session-Id); 2026-07-28 clients send
 * `_meta` and the routing headers (MCP-Protocol-Version, Mcp-Method, Mcp-Name) on every request
 * and never initialize.
 */
export class HttpMcpClient {
  readonly #connection: HttpConnection;
  readonly #path: string;
  readonly #modern: boolean;
  #headers = BASE_HEADERS;
  readonly #modernHeaders = new Map<string, string>();
  #nextId = 1;

  constructor(connection: HttpConnection, mode: HttpMode) {
    this.#connection = connection;
    this.#path = `/${mode}`;
    this.#modern = mode === "modern";
  }

  /** Legacy: initialize and notifications/initialized. Modern: nothing to do. */
  async open(): Promise<void> {
    if (this.#modern) return;
    const id = this.#nextId++;
    const body = requestLine(id, "initialize", JSON.stringify(initializeParams()));
    const reply = await this.#connection.post(this.#path, BASE_HEADERS, body);
    checkResult(answerOf(reply, id));
    const session = reply.headers["mcp-session-id"];
    this.#headers =
      `${BASE_HEADERS}MCP-Protocol-Version: ${LEGACY_VERSION}\r\n` +
      (session === undefined ? "" : `Mcp-Session-Id: ${session}\r\n`);
    const ack = await this.#connection.post(
      this.#path,
      this.#headers,
      notificationLine("notifications/initialized"),
    );
    if (ack.status !== 202 && ack.status !== 200)
      throw new Error(`initialized: HTTP ${ack.status} ${ack.body}`);
  }

  /** One tools/call; resolves with its result, throws on any error. */
  async callTool(name: string, paramsJson: string): Promise<Record<string, unknown>> {
    const id = this.#nextId++;
    const reply = await this.#connection.post(
      this.#path,
      this.#modern ? this.#modernHeadersFor(name) : this.#headers,
      requestLine(id, "tools/call", paramsJson),
    );
    return checkResult(answerOf(reply, id));
  }

  #modernHeadersFor(name: string): string {
    let headers = this.#modernHeaders.get(name);
    if (headers === undefined) {
      headers = `${BASE_HEADERS}MCP-Protocol-Version: ${MODERN_VERSION}\r\nMcp-Method: tools/call\r\nMcp-Name: ${name}\r\n`;
      this.#modernHeaders.set(name, headers);
    }
    return headers;
  }
}

/** The response to request `id` in a JSON or SSE reply. */
function answerOf(reply: HttpReply, id: number): unknown {
  if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.body.slice(0, 300)}`);
  const type = reply.headers["content-type"] ?? "";
  const messages: unknown[] = type.includes("text/event-stream")
    ? sseMessages(reply.body)
    : [JSON.parse(reply.body) as unknown];
  const answer = messages.find((message) => responseId(message) === id);
  if (answer === undefined) throw new Error(`No response to ${id} in: ${reply.body.slice(0, 300)}`);
  return answer;
}
