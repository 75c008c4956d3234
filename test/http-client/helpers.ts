import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "mcpkit";
import type { ClientOptions, McpServer } from "mcpkit";
import { createMcpHandler } from "mcpkit/http";
import type { FetchHandler, McpHandlerOptions } from "mcpkit/http";
import { serve } from "mcpkit/node";
export { deferred } from "../helpers/http.js";
export type { Deferred } from "../helpers/http.js";

/** One HTTP request as the client's fetch sent it. */
export interface SeenRequest {
  readonly method: string;
  readonly headers: Headers;
  /** The parsed JSON body of a POST. */
  readonly body: { method?: string; id?: number; params?: Record<string, unknown> } | undefined;
  readonly at: number;
}

/** A fetch that records every request before passing it to the real one. */
export function recordingFetch(): {
  fetch: typeof fetch;
  seen: SeenRequest[];
  posts: (method: string) => SeenRequest[];
} {
  const seen: SeenRequest[] = [];
  const recording: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as SeenRequest["body"]) : undefined;
    seen.push({ method: init?.method ?? "GET", headers, body, at: Date.now() });
    return fetch(input, init);
  };
  const posts = (method: string) =>
    seen.filter((request) => request.method === "POST" && request.body?.method === method);
  return { fetch: recording, seen, posts };
}

/** An mcpkit server (both eras) on 127.0.0.1, port 0. */
export async function serveMcp(mcp: McpServer, options?: McpHandlerOptions) {
  return serveHandler(createMcpHandler(mcp, options));
}

export async function serveHandler(handler: FetchHandler) {
  const served = await serve(handler, { path: "/mcp" });
  return { url: served.url, handler, close: () => served.close() };
}

/** A raw node:http server for misbehaving on purpose. */
export async function rawServer(listener: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => listener(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}/mcp`),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A client that collects the errors its transport reports. */
export function newClient(options: ClientOptions = {}) {
  const errors: Error[] = [];
  const client = new Client(
    { name: "http-client-test", version: "0.0.1" },
    { ...options, onError: (e) => errors.push(e) },
  );
  return { client, errors };
}

/** Polls until `check` holds (or fails the test after `ms`). */
export async function waitFor(check: () => boolean, what: string, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Writes one SSE event. */
export function sseEvent(
  res: ServerResponse,
  event: { id?: string; event?: string; data: string; retry?: number },
) {
  let text = "";
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  if (event.event !== undefined) text += `event: ${event.event}\n`;
  if (event.retry !== undefined) text += `retry: ${event.retry}\n`;
  res.write(`${text}data: ${event.data}\n\n`);
}
