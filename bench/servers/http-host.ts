import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpMode } from "../impls.js";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** What the bench asks an HTTP server child over IPC, and what it answers. */
export type HostRequest = { readonly type: "heap" };
export type HostMessage = { readonly type: "listening"; readonly port: number } | HeapReport;
export type HeapReport = { readonly type: "heap"; readonly heapUsed: number };

/**
 * Serves one listener per HTTP configuration on 127.0.0.1 and an ephemeral port, the same way for
 * every implementation (one Map lookup per request), and tells the parent the port over IPC.
 * Started with --expose-gc, it also reports its heap after a full collection when asked.
 */
export async function hostHttpRoutes(routes: Readonly<Record<HttpMode, Listener>>): Promise<void> {
  const byPath = new Map<string, Listener>(
    Object.entries(routes).map(([mode, listener]) => [`/${mode}`, listener]),
  );
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const query = url.indexOf("?");
    const listener = byPath.get(query === -1 ? url : url.slice(0, query));
    if (listener) listener(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.on("message", (message: HostRequest) => {
    if (message.type === "heap") void reportHeap();
  });
  // Exit with the parent: a lost IPC channel means the bench is gone.
  process.once("disconnect", () => process.exit(0));
  send({ type: "listening", port: (server.address() as AddressInfo).port });
}

async function reportHeap(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("Start the HTTP server with --expose-gc to measure its heap");
  // Let sockets and timers of the last responses settle, then collect until the heap is stable.
  await new Promise((resolve) => setTimeout(resolve, 100));
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  send({ type: "heap", heapUsed: process.memoryUsage().heapUsed });
}

function send(message: HostMessage): void {
  process.send?.(message);
}
