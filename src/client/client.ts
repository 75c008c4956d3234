import { ErrorCode, McpError, SdkError, SdkErrorCode, findCause } from "../jsonrpc/index.js";
import type { JsonObject, JsonRpcNotification } from "../jsonrpc/index.js";
import { negotiate, processEraMemory, withModernMeta } from "../protocol/index.js";
import type {
  ClientIdentity,
  ClientMethod,
  ClientParams,
  ClientResult,
  Era,
  EraMemory,
  EraMode,
  Implementation,
  NegotiatedServer,
  ServerMethod,
  ServerParams,
  ServerResult,
} from "../protocol/index.js";
import { Session } from "../session/index.js";
import type { InboundRequest, RequestOptions } from "../session/index.js";
import { declaresApplyDefaults, withFormDefaults } from "./form-defaults.js";
import { callModern } from "./modern-call.js";
import { iteratePages } from "./paginate.js";
import { listenLegacy, listenModern } from "./listen.js";
import type { ListenFilter, ListenHost, NotificationStream } from "./listen.js";
import type { Spec2025_11_25 } from "../spec/index.js";

type Tool = Spec2025_11_25.Tool;
type Prompt = Spec2025_11_25.Prompt;
type Resource = Spec2025_11_25.Resource;
type ResourceTemplate = Spec2025_11_25.ResourceTemplate;
import type { Transport } from "../transport/index.js";

/** What a client handler knows about the request it answers. */
export interface ClientRequestContext {
  readonly method: string;
  /** Aborted when the server cancels the request or the call it belongs to is abandoned. */
  readonly signal: AbortSignal;
}

/**
 * Answers a request from the server: sampling, elicitation, roots. Legacy servers send these as
 * requests; 2026-07-28 servers embed them in `input_required` results. One handler serves both.
 */
export type ClientRequestHandler<M extends string = string> = (
  params: ServerParams<M>,
  ctx: ClientRequestContext,
) => ServerResult<M> | Promise<ServerResult<M>>;

/** Receives a server notification. */
export type ClientNotificationHandler = (params: JsonObject | undefined) => void;

export interface ClientOptions {
  /**
   * Capabilities the client declares (sampling, elicitation, roots, ...). With
   * `elicitation: { form: { applyDefaults: true } }`, an accepted form elicitation has every
   * property its handler left out filled from the schema's `default` (both eras).
   */
  readonly capabilities?: JsonObject;
  /** auto (default): probe 2026-07-28 and fall back to initialize; or insist on one era. */
  readonly mode?: EraMode;
  /** How long the modern probe may take before the server counts as legacy. Default 5 s. */
  readonly probeTimeoutMs?: number;
  /** How many `input_required` rounds one call may take (2026-07-28). Default 8. */
  readonly maxInputRounds?: number;
  /** Default per-request timeout. Default 60 s. */
  readonly requestTimeoutMs?: number;
  /**
   * Where the era each server spoke is remembered between connects (keyed by the transport's
   * `peer`), so a known legacy server is not probed again. Default: one memory per process;
   * `false` probes every time.
   */
  readonly eraMemory?: EraMemory | false;
  /** Non-fatal problems (bad messages, failed sends). Default: ignored. */
  readonly onError?: (error: Error) => void;
}

const DEFAULT_PROBE_TIMEOUT_MS = 5_000;
const NEVER_ABORTED = new AbortController().signal;

/**
 * The client: connects in the right era (probing 2026-07-28 and falling back to `initialize`),
 * then sends requests with the per-request `_meta` a modern server needs, or plainly after a
 * legacy handshake. Typed calls cover every core method; `request` sends any other.
 *
 * @example
 * const client = new Client({ name: "my-client", version: "1.0.0" });
 * await client.connect(createStdioClientTransport({ command: "npx", args: ["tsx", "server.ts"] }));
 * const { tools } = await client.listTools();
 */
export class Client {
  readonly info: Implementation;
  #options: ClientOptions;
  #session: Session | undefined;
  #server: NegotiatedServer | undefined;
  #logLevel: string | undefined;
  /** Counts legacy HTTP sessions renewed after a 404, so that one expiry renews once. */
  #sessionGeneration = 0;
  #renewal: Promise<void> | undefined;
  /** Open listen streams: they end when the connection does. */
  readonly #streams = new Set<NotificationStream>();
  #handlers = new Map<string, ClientRequestHandler>([["ping", () => ({})]]);
  #notificationHandlers = new Map<string, Set<ClientNotificationHandler>>();

  constructor(info: Implementation, options: ClientOptions = {}) {
    this.info = info;
    this.#options = options;
  }

  /** Starts the transport and negotiates the era; rejects (and closes) if no common version exists. */
  async connect(transport: Transport): Promise<void> {
    if (this.#session) throw new SdkError(SdkErrorCode.AlreadyConnected, "Client is already connected");
    const session = new Session(transport, {
      onRequest: (request) => this.#onServerRequest(request),
      onNotification: (message) => this.#onNotification(message),
      onClose: () => {
        this.#server = undefined;
        for (const stream of this.#streams) stream.end();
        this.#streams.clear();
      },
      onError: (error) => this.#options.onError?.(error),
    });
    this.#session = session;
    try {
      await session.start();
      const mode = this.#options.mode ?? "auto";
      const memory = this.#options.eraMemory ?? processEraMemory;
      // Only an auto connect learns the server's best era; an insisted one says nothing of it.
      const peer = memory && mode === "auto" ? transport.peer : undefined;
      const server = await negotiate(session, this.#identity(), {
        mode,
        probeTimeoutMs: this.#options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
        requestTimeoutMs: this.#options.requestTimeoutMs,
        remembered: peer === undefined || !memory ? undefined : memory.get(peer),
      });
      if (peer !== undefined && memory)
        memory.set(peer, { era: server.era, protocolVersion: server.protocolVersion });
      this.#server = server;
    } catch (error) {
      this.#session = undefined;
      await session.close();
      throw error;
    }
  }

  /** The era the server speaks with this client. */
  get era(): Era | undefined {
    return this.#server?.era;
  }

  get protocolVersion(): string | undefined {
    return this.#server?.protocolVersion;
  }

  get serverCapabilities(): JsonObject | undefined {
    return this.#server?.capabilities;
  }

  get serverInfo(): Implementation | undefined {
    return this.#server?.serverInfo;
  }

  get instructions(): string | undefined {
    return this.#server?.instructions;
  }

  /** Sends any request (core or custom). Modern requests carry the client facts in `_meta`. */
  request<M extends ClientMethod>(
    method: M,
    params?: ClientParams<M>,
    options?: RequestOptions,
  ): Promise<ClientResult<M>>;
  request(method: string, params?: JsonObject, options?: RequestOptions): Promise<JsonObject>;
  request(method: string, params?: JsonObject, options: RequestOptions = {}): Promise<JsonObject> {
    const session = this.#session;
    const server = this.#server;
    if (!session || !server)
      return Promise.reject(new SdkError(SdkErrorCode.NotConnected, "Client is not connected"));
    const timeout = this.#options.requestTimeoutMs;
    const effective =
      timeout !== undefined && options.timeoutMs === undefined
        ? Object.assign({}, options, { timeoutMs: timeout })
        : options;
    if (server.era === "legacy") return this.#legacyRequest(session, method, params, effective);
    return callModern({
      method,
      params,
      send: (each, current) =>
        session.request(each, withModernMeta(current, server.protocolVersion, this.#identity()), effective),
      answer: (inputMethod, inputParams) =>
        this.#answer(inputMethod, inputParams, { signal: options.signal ?? NEVER_ABORTED }),
      maxInputRounds: this.#options.maxInputRounds ?? 8,
    });
  }

  /** `server/discover` (2026-07-28): versions, capabilities and identity. */
  discover(options?: RequestOptions): Promise<ClientResult<"server/discover">> {
    return this.request("server/discover", undefined, options);
  }

  /** Liveness check; 2026-07-28 has no ping, so a modern server is asked to discover instead. */
  async ping(options?: RequestOptions): Promise<void> {
    if (this.era === "modern") await this.discover(options);
    else await this.request("ping", undefined, options);
  }

  listTools(
    params?: ClientParams<"tools/list">,
    options?: RequestOptions,
  ): Promise<ClientResult<"tools/list">> {
    return this.request("tools/list", params, options);
  }

  callTool(
    params: ClientParams<"tools/call">,
    options?: RequestOptions,
  ): Promise<ClientResult<"tools/call">> {
    return this.request("tools/call", params, options);
  }

  listPrompts(
    params?: ClientParams<"prompts/list">,
    options?: RequestOptions,
  ): Promise<ClientResult<"prompts/list">> {
    return this.request("prompts/list", params, options);
  }

  getPrompt(
    params: ClientParams<"prompts/get">,
    options?: RequestOptions,
  ): Promise<ClientResult<"prompts/get">> {
    return this.request("prompts/get", params, options);
  }

  listResources(
    params?: ClientParams<"resources/list">,
    options?: RequestOptions,
  ): Promise<ClientResult<"resources/list">> {
    return this.request("resources/list", params, options);
  }

  listResourceTemplates(
    params?: ClientParams<"resources/templates/list">,
    options?: RequestOptions,
  ): Promise<ClientResult<"resources/templates/list">> {
    return this.request("resources/templates/list", params, options);
  }

  readResource(
    params: ClientParams<"resources/read">,
    options?: RequestOptions,
  ): Promise<ClientResult<"resources/read">> {
    return this.request("resources/read", params, options);
  }

  /** Legacy `resources/subscribe`; 2026-07-28 clients use subscriptions/listen instead. */
  subscribeResource(
    params: ClientParams<"resources/subscribe">,
    options?: RequestOptions,
  ): Promise<ClientResult<"resources/subscribe">> {
    return this.request("resources/subscribe", params, options);
  }

  unsubscribeResource(
    params: ClientParams<"resources/unsubscribe">,
    options?: RequestOptions,
  ): Promise<ClientResult<"resources/unsubscribe">> {
    return this.request("resources/unsubscribe", params, options);
  }

  /**
   * Sets the level of log messages the server sends: `logging/setLevel` for a legacy server; for a
   * 2026-07-28 server the level travels in every later request's `_meta` (nothing is sent now).
   */
  async setLoggingLevel(
    params: ClientParams<"logging/setLevel">,
    options?: RequestOptions,
  ): Promise<ClientResult<"logging/setLevel">> {
    if (this.era !== "modern") return this.request("logging/setLevel", params, options);
    this.#logLevel = params.level;
    return {};
  }

  complete(
    params: ClientParams<"completion/complete">,
    options?: RequestOptions,
  ): Promise<ClientResult<"completion/complete">> {
    return this.request("completion/complete", params, options);
  }

  /**
   * Change notifications as an async iterable, in both eras: a 2026-07-28 `subscriptions/listen`
   * stream, or for legacy servers list_changed notifications and resources/subscribe. Leaving
   * the loop ends the subscription.
   *
   * @example
   * for await (const change of client.listen({ toolsListChanged: true })) await refreshTools();
   */
  listen(filter: ListenFilter, options: { signal?: AbortSignal } = {}): NotificationStream {
    if (!this.#server) throw new SdkError(SdkErrorCode.NotConnected, "Client is not connected");
    const host: ListenHost = {
      era: this.era,
      request: (method, params, requestOptions) => this.request(method, params, requestOptions),
      on: (method, handler) => this.on(method, handler),
    };
    const stream =
      this.era === "modern" ? listenModern(host, filter, options.signal) : listenLegacy(host, filter);
    this.#streams.add(stream);
    return stream;
  }

  /** Every tool, following `nextCursor` page by page as the loop asks for more. */
  iterateTools(options?: RequestOptions): AsyncGenerator<Tool, void, undefined> {
    return this.#pages("tools/list", "tools", options);
  }

  /** Every prompt, page by page. */
  iteratePrompts(options?: RequestOptions): AsyncGenerator<Prompt, void, undefined> {
    return this.#pages("prompts/list", "prompts", options);
  }

  /** Every resource, page by page. */
  iterateResources(options?: RequestOptions): AsyncGenerator<Resource, void, undefined> {
    return this.#pages("resources/list", "resources", options);
  }

  /** Every resource template, page by page. */
  iterateResourceTemplates(options?: RequestOptions): AsyncGenerator<ResourceTemplate, void, undefined> {
    return this.#pages("resources/templates/list", "resourceTemplates", options);
  }

  #pages<T>(method: string, key: string, options?: RequestOptions): AsyncGenerator<T, void, undefined> {
    return iteratePages<T>(
      (cursor) => this.request(method, cursor === undefined ? undefined : { cursor }, options),
      key,
    );
  }

  /** Sends a notification to the server. */
  notify(method: string, params?: JsonObject): Promise<void> {
    if (!this.#session)
      return Promise.reject(new SdkError(SdkErrorCode.NotConnected, "Client is not connected"));
    return this.#session.notify(method, params);
  }

  /** Registers the answer to a server request: a real request (legacy) or an embedded one (2026-07-28). */
  handle<M extends ServerMethod>(method: M, handler: ClientRequestHandler<M>): this;
  handle(method: string, handler: ClientRequestHandler): this;
  handle(method: string, handler: ClientRequestHandler): this {
    this.#handlers.set(method, handler);
    return this;
  }

  /** Subscribes to a server notification; returns the unsubscribe function. */
  on(method: string, handler: ClientNotificationHandler): () => void {
    let set = this.#notificationHandlers.get(method);
    if (!set) this.#notificationHandlers.set(method, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Closes the connection; pending requests reject with SdkError("closed"). */
  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    this.#server = undefined;
    await session?.close();
  }

  /**
   * A legacy request; when the server says the HTTP session expired (404), initialize a new one
   * and send the request again, once. Requests failing together share one re-initialization.
   */
  async #legacyRequest(
    session: Session,
    method: string,
    params: JsonObject | undefined,
    options: RequestOptions,
  ): Promise<JsonObject> {
    const generation = this.#sessionGeneration;
    try {
      return await session.request(method, params, options);
    } catch (error) {
      if (method === "initialize" || !isSessionExpired(error)) throw error;
      if (generation === this.#sessionGeneration) await this.#renewSession(session);
      return session.request(method, params, options);
    }
  }

  #renewSession(session: Session): Promise<void> {
    this.#renewal ??= negotiate(session, this.#identity(), {
      mode: "legacy",
      probeTimeoutMs: 0,
      requestTimeoutMs: this.#options.requestTimeoutMs,
    })
      .then((server) => {
        this.#server = server;
        this.#sessionGeneration++;
      })
      .finally(() => (this.#renewal = undefined));
    return this.#renewal;
  }

  #identity(): ClientIdentity {
    return {
      clientInfo: this.info,
      capabilities: this.#options.capabilities ?? {},
      logLevel: this.#logLevel,
    };
  }

  #onServerRequest(request: InboundRequest): Promise<JsonObject> {
    return this.#answer(request.method, request.params, request);
  }

  /** One path for server requests in both eras: the registered handler, or -32601. */
  async #answer(
    method: string,
    params: JsonObject | undefined,
    source: { readonly signal: AbortSignal },
  ): Promise<JsonObject> {
    const handler = this.#handlers.get(method);
    if (!handler) throw new McpError(ErrorCode.MethodNotFound, `Method not found: ${method}`);
    const ctx: ClientRequestContext = {
      method,
      get signal() {
        return source.signal;
      },
    };
    const result = await handler(params, ctx);
    // SEP-1034: opted in with elicitation.form.applyDefaults, accepted forms get the schema defaults.
    if (method === "elicitation/create" && declaresApplyDefaults(this.#options.capabilities))
      return withFormDefaults(params, result);
    return result;
  }

  /** `await using client = ...` closes it at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #onNotification(message: JsonRpcNotification): void {
    const handlers = this.#notificationHandlers.get(message.method);
    if (handlers) for (const handler of handlers) handler(message.params);
  }
}

/** Whether an error (or one of its causes) says the server no longer knows the session. */
function isSessionExpired(error: unknown): boolean {
  return (
    findCause(error, (cause) => cause instanceof SdkError && cause.code === SdkErrorCode.SessionExpired) !==
    undefined
  );
}
