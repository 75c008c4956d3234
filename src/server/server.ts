import { ErrorCode, McpError, SdkError } from "../jsonrpc/index.js";
import type { JsonObject, JsonRpcNotification, JsonRpcResponse } from "../jsonrpc/index.js";
import { ServerConnection, serveModernRequest } from "../protocol/index.js";
import type {
  ClientMethod,
  ConnectionOptions,
  Implementation,
  ServerDispatch,
  ServerIdentity,
  ServerRequest,
} from "../protocol/index.js";
import type { InboundRequest } from "../session/index.js";
import type { Transport } from "../transport/index.js";
import type { MaybePromise } from "../util/maybe-promise.js";
import { deriveCapabilities } from "./capabilities.js";
import type { HandlerParams, HandlerResult } from "./method-types.js";
import { toRequestContext } from "./request-context.js";
import type { RequestContext } from "./request-context.js";

/** Answers one method. Throw an McpError to answer with that error; other throws become -32603. */
export type RequestHandler<M extends string = string> = (
  params: HandlerParams<M>,
  ctx: RequestContext,
) => HandlerResult<M> | Promise<HandlerResult<M>>;

/** The handler type of each core method, indexed by method name. */
export type CoreHandlers = { [M in ClientMethod]: RequestHandler<M> };

/** Receives one client notification. */
export type NotificationHandler = (params: JsonObject | undefined, connection: ServerConnection) => void;

export interface ServerOptions {
  /** Declared capabilities; merged over those derived from the registered handlers. */
  readonly capabilities?: JsonObject;
  /** Guidance for the model, sent in initialize and server/discover. */
  readonly instructions?: string;
  /** Receives unexpected handler errors (masked on the wire). Default: console.error. */
  readonly onError?: (error: Error) => void;
}

/** Default error sink: protocol noise (bad input from a peer) in one line, handler bugs in full. */
function logServerError(error: Error): void {
  if (error instanceof SdkError) console.error(`[mcpkit] ${error.message}`);
  else console.error("[mcpkit] unexpected error in a handler:", error);
}

/**
 * The low-level server: a method -> handler table shared by every connection. Each `connect`
 * adds a connection (its own session and era) over the same immutable table.
 *
 * @example
 * const server = new Server({ name: "example-server", version: "0.1.0" });
 * server.handle("prompts/list", () => ({ prompts: [{ name: "example-prompt" }] }));
 * await server.connect(createStdioServerTransport());
 */
export class Server {
  readonly info: Implementation;
  #options: ServerOptions;
  #handlers = new Map<string, RequestHandler>();
  #notificationHandlers = new Map<string, NotificationHandler>();
  #connections = new Set<ServerConnection>();
  #identity: ServerIdentity | undefined;
  #dispatch: ServerDispatch;

  constructor(info: Implementation, options: ServerOptions = {}) {
    this.info = info;
    this.#options = options;
    const onError = options.onError ?? logServerError;
    this.#dispatch = {
      handleRequest: (request) => this.#handleRequest(request),
      handleNotification: (message, connection) => this.#handleNotification(message, connection),
      onClose: (connection) => this.#connections.delete(connection),
      onError,
    };
  }

  /** Registers the handler of a method (core or custom); replaces any earlier one. */
  handle<M extends ClientMethod>(method: M, handler: CoreHandlers[M]): this;
  handle(method: string, handler: RequestHandler): this;
  handle(method: string, handler: RequestHandler): this {
    this.#handlers.set(method, handler);
    this.#identity = undefined;
    return this;
  }

  /** Registers the handler of a client notification. */
  onNotification(method: string, handler: NotificationHandler): this {
    this.#notificationHandlers.set(method, handler);
    return this;
  }

  /** What the server declares: capabilities derived from its handlers plus the configured ones. */
  get capabilities(): JsonObject {
    return this.#getIdentity().capabilities;
  }

  /** Serves one transport; resolves when the transport has started. */
  async connect(transport: Transport, options?: ConnectionOptions): Promise<ServerConnection> {
    const connection = new ServerConnection(transport, this.#getIdentity(), this.#dispatch, options);
    this.#connections.add(connection);
    await connection.start();
    return connection;
  }

  /**
   * Answers one 2026-07-28 request on its own, with no connection: what stateless HTTP does with
   * each POST. Yields a response, now or later; a failure becomes an error response.
   */
  serveRequest(inbound: InboundRequest): MaybePromise<JsonRpcResponse> {
    return serveModernRequest(inbound, this.#getIdentity(), this.#dispatch);
  }

  /** Sends a notification to every legacy connection (e.g. notifications/tools/list_changed), or those `filter` picks. */
  async notifyAll(
    method: string,
    params?: JsonObject,
    filter?: (connection: ServerConnection) => boolean,
  ): Promise<void> {
    const targets = filter ? [...this.#connections].filter(filter) : [...this.#connections];
    await Promise.all(targets.map((connection) => connection.notify(method, params)));
  }

  /** Closes every connection. */
  async close(): Promise<void> {
    await Promise.all([...this.#connections].map((connection) => connection.close()));
  }

  #getIdentity(): ServerIdentity {
    this.#identity ??= {
      serverInfo: this.info,
      capabilities: deriveCapabilities(this.#handlers.keys(), this.#options.capabilities),
      instructions: this.#options.instructions,
    };
    return this.#identity;
  }

  #handleRequest(request: ServerRequest): Promise<JsonObject> | JsonObject {
    const handler = this.#handlers.get(request.inbound.method);
    if (!handler) throw new McpError(ErrorCode.MethodNotFound, `Method not found: ${request.inbound.method}`);
    return handler(request.inbound.params, toRequestContext(request));
  }

  #handleNotification(message: JsonRpcNotification, connection: ServerConnection): void {
    this.#notificationHandlers.get(message.method)?.(message.params, connection);
  }
}
