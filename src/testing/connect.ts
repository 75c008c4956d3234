import { Client } from "../client/index.js";
import type { ClientOptions, ClientRequestHandler } from "../client/index.js";
import type { Implementation } from "../protocol/index.js";
import { createMemoryTransportPair } from "../transport/index.js";
import type { Transport } from "../transport/index.js";

/** Anything that can serve a transport: an McpServer or a low-level Server. */
export interface Connectable {
  connect(transport: Transport): Promise<unknown>;
}

/** Options of {@link connect}. */
export interface ConnectOptions extends Omit<ClientOptions, "mode"> {
  /** Which era the client speaks: 2026-07-28 ("modern", the default) or legacy (initialize). */
  readonly era?: "modern" | "legacy";
  readonly clientInfo?: Implementation;
  /** Answers to server requests: "elicitation/create", "sampling/createMessage", "roots/list". */
  readonly handlers?: Readonly<Record<string, ClientRequestHandler>>;
}

/**
 * A client connected in memory to `server`, in one line: the way to test a server. Declares the
 * client capabilities the given handlers imply unless `capabilities` is set.
 *
 * @example
 * await using client = await connect(mcp, { era: "legacy" });
 * const result = await client.callTool({ name: "add", arguments: { a: 1, b: 2 } });
 */
export async function connect(server: Connectable, options: ConnectOptions = {}): Promise<Client> {
  const {
    era = "modern",
    clientInfo = { name: "mcpkit-test-client", version: "0.0.0" },
    handlers = {},
    ...rest
  } = options;
  const capabilities = rest.capabilities ?? capabilitiesFor(Object.keys(handlers));
  const client = new Client(clientInfo, { ...rest, capabilities, mode: era });
  for (const [method, handler] of Object.entries(handlers)) client.handle(method, handler);
  const [clientSide, serverSide] = createMemoryTransportPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  return client;
}

function capabilitiesFor(methods: readonly string[]): Record<string, object> {
  const capabilities: Record<string, object> = {};
  if (methods.includes("elicitation/create")) capabilities.elicitation = { form: {}, url: {} };
  if (methods.includes("sampling/createMessage")) capabilities.sampling = { tools: {} };
  if (methods.includes("roots/list")) capabilities.roots = { listChanged: true };
  return capabilities;
}
