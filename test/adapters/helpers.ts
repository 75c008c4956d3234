import { request as httpRequest } from "node:http";
import type { IncomingHttpHeaders, OutgoingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FetchHandler, RequestExtras } from "../../src/http/index.js";

/** A FetchHandler made of one function; `close()` is recorded. */
export function stub(
  fetch: (request: Request, extras?: RequestExtras) => Response | Promise<Response>,
  close: () => void = () => {},
): FetchHandler & { closed: number } {
  const handler = {
    closed: 0,
    fetch: async (request: Request, extras?: RequestExtras) => fetch(request, extras),
    close: async () => {
      handler.closed += 1;
      close();
    },
  };
  return handler;
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Rejects after `ms`, so a missed event fails the test with a clear message instead of hanging. */
export function within<T>(promise: Promise<T>, what: string, ms = 2_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

export const SSE_HEADERS = { "content-type": "text/event-stream", "cache-control": "no-cache" };

/** The base URL of a listening server ("http://127.0.0.1:PORT"). */
export function baseUrl(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address}:${port}`;
}

/** Closes a Node server now, connections included. */
export function closeNow(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: string;
}

/** One request over a fresh connection with node:http, which can send repeated header lines. */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: OutgoingHttpHeaders; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: init.method ?? "GET", headers: init.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}
