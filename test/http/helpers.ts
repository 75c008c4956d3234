import { createMcpHandler } from "mcpkit/http";
import type { FetchHandler, HttpServable, McpHandlerOptions } from "mcpkit/http";
import { serve } from "mcpkit/node";
export { rawRequest } from "../helpers/http.js";
export type { RawResponse } from "../helpers/http.js";

/** A handler served by `mcpkit/node` on 127.0.0.1, port 0. */
export interface Served {
  readonly url: URL;
  readonly handler: FetchHandler;
  close(): Promise<void>;
}

export async function serveMcp(server: HttpServable, options: McpHandlerOptions = {}): Promise<Served> {
  const handler = createMcpHandler(server, options);
  const served = await serve(handler, { path: "/mcp" });
  return { url: served.url, handler, close: () => served.close() };
}

/** One request a client made, and what it got back. */
export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  /** The parsed JSON body of a POST (undefined otherwise). */
  readonly body: unknown;
  status?: number;
  responseHeaders?: Headers;
  /** The text of an SSE response, as it arrives (the client reads its own copy). */
  sse: string;
  /**
   * Settles once the whole response is recorded (an SSE copy has ended). The client reads its
   * own copy and may act on a message before this copy has it: wait on this, or use `until`.
   */
  readonly ended: Promise<void>;
}

/**
 * A `fetch` for official client transports that records every request and response; SSE bodies
 * are teed so the test can see which stream carried what.
 */
export function recordingFetch(): { fetch: typeof fetch; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const recording = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const text = typeof init?.body === "string" ? init.body : undefined;
    let end!: () => void;
    const exchange: Exchange = {
      method: init?.method ?? "GET",
      url: typeof input === "string" ? input : input instanceof URL ? input.href : input.url,
      headers: new Headers(init?.headers),
      body: text === undefined ? undefined : (JSON.parse(text) as unknown),
      sse: "",
      ended: new Promise<void>((resolve) => (end = resolve)),
    };
    exchanges.push(exchange);
    let response: Response;
    try {
      response = await fetch(input, init);
    } catch (error) {
      end();
      throw error;
    }
    exchange.status = response.status;
    exchange.responseHeaders = response.headers;
    if (!response.body || !response.headers.get("content-type")?.startsWith("text/event-stream")) {
      end();
      return response;
    }
    const [mine, theirs] = response.body.tee();
    void (async () => {
      const reader = mine.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
          exchange.sse += chunk.value;
      } catch {
        // the client aborted its request: the copy ends with it
      } finally {
        end();
      }
    })();
    return new Response(theirs, { status: response.status, headers: response.headers });
  };
  return { fetch: recording, exchanges };
}

/** Rejects after `ms`, so a missed event fails with a clear message instead of hanging. */
export function within<T>(promise: Promise<T>, what: string, ms = 2_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `check` until it is true (every 5 ms), failing after `ms`. */
export async function until(check: () => boolean, what: string, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const ACCEPT_BOTH = "application/json, text/event-stream";

/** `_meta` of a 2026-07-28 request. */
export function modernMeta(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1.0.0" },
    ...extra,
  };
}

/** A 2026-07-28 request and the headers that must mirror it. */
export function modernRequest(
  method: string,
  params: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
  id: number | string = 1,
): { body: Record<string, unknown>; headers: Record<string, string> } {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: ACCEPT_BOTH,
    "mcp-protocol-version": "2026-07-28",
    "mcp-method": method,
  };
  const named = method === "resources/read" ? params.uri : params.name;
  if (["tools/call", "prompts/get", "resources/read"].includes(method) && typeof named === "string") {
    headers["mcp-name"] = named;
  }
  return { body: { jsonrpc: "2.0", id, method, params: { ...params, _meta: modernMeta(meta) } }, headers };
}

/** POSTs a JSON body (a string is sent as is). */
export function post(
  url: URL | string,
  body: unknown,
  headers: Record<string, string> = {},
  init: RequestInit = {},
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: ACCEPT_BOTH, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
}

/** A legacy `initialize` over raw HTTP; resolves with the session id the server minted. */
export async function initialize(url: URL | string, id: number | string = 1): Promise<string> {
  const response = await post(url, {
    jsonrpc: "2.0",
    id,
    method: "initialize",
    params: {
      protocolVersion: "2025-11-25",
      capabilities: {},
      clientInfo: { name: "raw", version: "1.0.0" },
    },
  });
  const sessionId = response.headers.get("mcp-session-id");
  const answer = (await response.json()) as { result?: { protocolVersion?: string } };
  if (response.status !== 200 || sessionId === null || answer.result?.protocolVersion !== "2025-11-25") {
    throw new Error(`initialize failed: ${response.status} ${JSON.stringify(answer)}`);
  }
  const initialized = await post(
    url,
    { jsonrpc: "2.0", method: "notifications/initialized" },
    legacyHeaders(sessionId),
  );
  if (initialized.status !== 202) throw new Error(`notifications/initialized got ${initialized.status}`);
  return sessionId;
}

/** Headers of a legacy request in a session. */
export function legacyHeaders(sessionId: string): Record<string, string> {
  return { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-11-25" };
}

/** A JSON-RPC error body. */
export interface ErrorBody {
  jsonrpc: "2.0";
  id: number | string | null;
  error: { code: number; message: string; data?: unknown };
}

/** The JSON-RPC messages of an SSE body (its `message` events), in order. */
export function sseMessages(text: string): Record<string, unknown>[] {
  const messages: Record<string, unknown>[] = [];
  for (const block of text.split("\n\n")) {
    const lines = block.split("\n");
    const event = lines.find((line) => line.startsWith("event: "))?.slice(7) ?? "message";
    const data = lines
      .filter((line) => line.startsWith("data: "))
      .map((line) => line.slice(6))
      .join("\n");
    if (event === "message" && data !== "") messages.push(JSON.parse(data) as Record<string, unknown>);
  }
  return messages;
}

/** The text blocks of a tool result, joined. */
export function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((block) => block.text ?? "").join("");
}
