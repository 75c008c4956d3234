import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FetchHandler, RequestExtras } from "../../src/http/index.js";
export { deferred, rawRequest } from "../helpers/http.js";
export type { Deferred, RawResponse } from "../helpers/http.js";

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
