import type { OutgoingHttpHeaders } from "node:http";
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
import type { HttpPoster, HttpReply } from "./http-peer.js";
import { sseMessages } from "./sse.js";

const BASE_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

/**
 * One raw Streamable HTTP client of the load generator. Legacy clients initialize first (stateful
 * ones keep their Mcp-Session-Id); 2026-07-28 clients send `_meta` and the routing headers
 * (MCP-Protocol-Version, Mcp-Method, Mcp-Name) on every request and never initialize.
 */
export class HttpMcpClient {
  readonly #poster: HttpPoster;
  readonly #path: string;
  readonly #modern: boolean;
  #headers: OutgoingHttpHeaders = BASE_HEADERS;
  #nextId = 1;

  constructor(poster: HttpPoster, mode: HttpMode) {
    this.#poster = poster;
    this.#path = `/${mode}`;
    this.#modern = mode === "modern";
  }

  /** Legacy: initialize and notifications/initialized. Modern: nothing to do. */
  async open(): Promise<void> {
    if (this.#modern) return;
    const reply = await this.#poster.post(
      this.#path,
      BASE_HEADERS,
      requestLine(this.#nextId++, "initialize", JSON.stringify(initializeParams())),
    );
    checkResult(answerOf(reply, this.#nextId - 1));
    const session = reply.headers["mcp-session-id"];
    this.#headers = {
      ...BASE_HEADERS,
      "mcp-protocol-version": LEGACY_VERSION,
      ...(typeof session === "string" ? { "mcp-session-id": session } : {}),
    };
    const ack = await this.#poster.post(
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
    const headers = this.#modern
      ? {
          ...BASE_HEADERS,
          "mcp-protocol-version": MODERN_VERSION,
          "mcp-method": "tools/call",
          "mcp-name": name,
        }
      : this.#headers;
    const reply = await this.#poster.post(this.#path, headers, requestLine(id, "tools/call", paramsJson));
    return checkResult(answerOf(reply, id));
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
