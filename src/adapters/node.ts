import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FetchHandler, RequestExtras } from "../http/index.js";
import { respond } from "./node-response.js";

export { toRequest } from "./node-request.js";
export type { ToRequestOptions } from "./node-request.js";
export { writeResponse } from "./node-response.js";

/** Options of {@link handle} (Node). */
export interface HandleOptions {
  /** Trust `X-Forwarded-Proto` and `X-Forwarded-Host` (only behind a proxy you control). Default false. */
  readonly trustProxy?: boolean;
  /** What to pass along besides the Request, e.g. the credentials an auth layer verified. */
  readonly extras?: (req: IncomingMessage) => RequestExtras | undefined;
  /** Receives unexpected errors (masked on the wire as a generic 500). Default: console.error. */
  readonly onError?: (error: Error) => void;
}

/**
 * A Node `request` listener serving a FetchHandler. Never rejects.
 *
 * @example
 * import { createServer } from "node:http";
 * import { handle } from "mcpkit/node";
 *
 * createServer(handle(mcp.handler())).listen(8000, "127.0.0.1");
 */
export function handle(
  handler: FetchHandler,
  options: HandleOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const { trustProxy, extras, onError } = options;
  // Returns void, not the promise: `http.createServer(handle(h))` then passes type-aware lint
  // (no-misused-promises), and respond() never rejects anyway.
  return (req, res) => {
    void respond(handler, { req, res, trustProxy, extras: extras && (() => extras(req)) }, onError);
  };
}

/** Options of {@link serve}. */
export interface ServeOptions extends HandleOptions {
  /** Default 0: a free port, see `url`. */
  readonly port?: number;
  /** Default "127.0.0.1": loopback only, as the MCP spec advises for local servers. */
  readonly host?: string;
  /** Serve only this path (others get 404). Default: every path. */
  readonly path?: string;
  /** Close gracefully on SIGINT/SIGTERM (what `mcp.run({ transport: "http" })` does). Default false. */
  readonly closeOnSignals?: boolean;
}

/** A listening server from {@link serve}. `await using` closes it. */
export interface NodeServer extends AsyncDisposable {
  /** Where it listens, including `path`. */
  readonly url: URL;
  readonly server: Server;
  /** Stops accepting, closes the handler (ending its streams), then the connections. Idempotent. */
  close(): Promise<void>;
  /** Settles once the server has closed, whoever closed it. */
  readonly closed: Promise<void>;
}

/** How long `close()` lets responses end on their own before cutting the connections. */
const CLOSE_GRACE_MS = 500;

/**
 * Serves a FetchHandler on a new Node HTTP server; resolves once it listens.
 *
 * @example
 * import { serve } from "mcpkit/node";
 *
 * await using server = await serve(createMcpHandler(mcp), { port: 8000, path: "/mcp" });
 * console.log(`MCP server on ${server.url.href}`); // http://127.0.0.1:8000/mcp
 */
export async function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<NodeServer> {
  const listener = handle(handler, options);
  const { path } = options;
  let closing: Promise<void> | undefined;
  // While closing, a connection is let go as soon as its response is over.
  // Responses in flight per socket: Node 20's closeIdleConnections() skips sockets that never
  // carried a request (fetch clients open spare ones), so shutdown ends those itself.
  const inFlight = new Map<Socket, number>();
  const afterResponse = (socket: Socket): void => {
    inFlight.set(socket, (inFlight.get(socket) ?? 1) - 1);
    if (closing !== undefined) server.closeIdleConnections();
  };
  const server = createServer((req, res) => {
    if (closing !== undefined) res.setHeader("connection", "close");
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    res.once("close", () => afterResponse(socket));
    if (path === undefined || pathOf(req.url) === path) void listener(req, res);
    else res.writeHead(404).end();
  });
  await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const { address, port } = server.address() as AddressInfo;
  const url = new URL(`http://${address.includes(":") ? `[${address}]` : address}:${port}${path ?? "/"}`);
  server.on("connection", (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once("close", () => inFlight.delete(socket));
  });
  const close = (): Promise<void> => (closing ??= shutdown(server, handler, inFlight));
  const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));
  if (options.closeOnSignals) {
    const onSignal = (): void => void close();
    process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
    void closed.then(() => process.off("SIGINT", onSignal).off("SIGTERM", onSignal));
  }
  return { url, server, close, closed, [Symbol.asyncDispose]: close };
}

function pathOf(target = "/"): string {
  const query = target.indexOf("?");
  return query === -1 ? target : target.slice(0, query);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

async function shutdown(server: Server, handler: FetchHandler, inFlight: Map<Socket, number>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  try {
    await handler.close();
  } finally {
    server.closeIdleConnections();
    for (const [socket, count] of inFlight) if (count <= 0) socket.destroy();
    const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }
}
