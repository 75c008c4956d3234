import type { ConnectionOptions, ServerConnection } from "../protocol/index.js";
import type { Transport } from "../transport/index.js";

/** How `run()` serves: stdio (default), or Streamable HTTP with the handler's options. */
export interface RunOptions {
  readonly transport?: "stdio" | "http";
  /** HTTP: default 8000. */
  readonly port?: number;
  /** HTTP: default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** HTTP: the MCP endpoint's path, default "/mcp". */
  readonly path?: string;
  readonly allowedHosts?: readonly string[] | false;
  readonly allowedOrigins?: readonly string[] | false;
  readonly legacy?: "stateful" | "stateless" | "reject";
  readonly jsonResponse?: boolean;
}

/** What `serveUntilClosed` needs of a server. */
export interface Runnable {
  readonly info: { readonly name: string };
  connect(transport: Transport, options?: ConnectionOptions): Promise<ServerConnection>;
}

// Loaded by the package's own name (self-reference): this runtime-neutral module never imports
// Node built-ins, and bundlers for other runtimes leave these out.
const STDIO_MODULE = "mcpkit/stdio";
const HTTP_MODULE = "mcpkit/http";
const NODE_MODULE = "mcpkit/node";

/**
 * Serves a server until it is done: stdio until stdin closes, or Streamable HTTP until
 * SIGINT/SIGTERM or `stop` (handed to `onStop` once listening) is called.
 */
export async function serveUntilClosed(
  server: Runnable,
  options: RunOptions,
  onStop: (stop: () => Promise<void>) => void,
): Promise<void> {
  const transport = options.transport ?? "stdio";
  if (transport === "stdio") {
    const stdio = (await import(/* @vite-ignore */ STDIO_MODULE)) as {
      createStdioServerTransport(): Transport;
    };
    const connection = await server.connect(stdio.createStdioServerTransport());
    onStop(() => connection.close());
    await connection.closed;
  } else if (transport === "http") {
    await serveHttp(server, options, onStop);
  } else {
    throw new TypeError(`Unknown transport: ${String(transport)}`);
  }
}

async function serveHttp(
  server: Runnable,
  options: RunOptions,
  onStop: (stop: () => Promise<void>) => void,
): Promise<void> {
  const {
    transport: _transport,
    port = 8000,
    host = "127.0.0.1",
    path = "/mcp",
    ...handlerOptions
  } = options;
  const http = (await import(/* @vite-ignore */ HTTP_MODULE)) as {
    createMcpHandler(server: Runnable, options: object): object;
  };
  const node = (await import(/* @vite-ignore */ NODE_MODULE)) as {
    serve(
      handler: object,
      options: object,
    ): Promise<{ url: URL; closed: Promise<void>; close(): Promise<void> }>;
  };
  const listening = await node.serve(http.createMcpHandler(server, handlerOptions), {
    port,
    host,
    path,
    closeOnSignals: true,
  });
  onStop(() => listening.close());
  console.error(`[mcpkit] ${server.info.name} serving MCP at ${listening.url.href}`);
  await listening.closed;
}
