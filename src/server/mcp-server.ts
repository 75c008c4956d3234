import { ErrorCode, McpError, SdkError } from "../jsonrpc/index.js";
import type { JsonObject, JsonRpcResponse } from "../jsonrpc/index.js";
import type { ClientMethod, ConnectionOptions, Implementation, ServerConnection } from "../protocol/index.js";
import type { Spec2025_11_25 } from "../spec/index.js";
import type { SchemaLike } from "../schema/index.js";
import type { InboundRequest } from "../session/index.js";
import type { Transport } from "../transport/index.js";
import type { MaybePromise } from "../util/maybe-promise.js";
import { withCacheHint } from "./cache-hints.js";
import type { CacheHint, CacheableList } from "./cache-hints.js";
import { complete } from "./complete.js";
import { Context } from "./context.js";
import type { ContextHost } from "./context.js";
import type { InputRound } from "./input/input-round.js";
import { RequestStateSealer } from "./input/request-state.js";
import type { RequestStateOptions } from "./input/request-state.js";
import { LifespanRunner } from "./lifespan.js";
import type { Lifespan } from "./lifespan.js";
import { ListenHub } from "./listen.js";
import { isLogLevel } from "./logging.js";
import type { McpDeps } from "./mcp-deps.js";
import { MiddlewareChain } from "./middleware.js";
import type { Middleware } from "./middleware.js";
import { checkPageSize } from "./pagination.js";
import { PromptEntry } from "./prompts/define-prompt.js";
import type { PromptConfig, PromptHandler } from "./prompts/define-prompt.js";
import { getPrompt, listPrompts } from "./prompts/handlers.js";
import { Registry, handleFor } from "./registry.js";
import type { RegisteredHandle } from "./registry.js";
import { withParams } from "./request-context.js";
import type { RequestContext } from "./request-context.js";
import { defineStaticResource, defineTemplateResource } from "./resources/define-resource.js";
import type {
  ResourceConfig,
  StaticResourceEntry,
  TemplateResourceEntry,
} from "./resources/define-resource.js";
import {
  listResourceTemplates,
  listResources,
  readResource,
  readResourceRequest,
} from "./resources/handlers.js";
import type { UriVariables } from "./resources/uri-vars.js";
import { serveUntilClosed } from "./run.js";
import type { RunOptions } from "./run.js";
import { Server } from "./server.js";
import { ToolEntry } from "./tools/define-tool.js";
import type { ToolConfig, ToolHandler } from "./tools/define-tool.js";
import { callTool, listTools } from "./tools/handlers.js";
import { isTemplate } from "../util/uri-template.js";

/** Options of an McpServer. */
export interface McpServerOptions<L> {
  /** Guidance for the model, sent in initialize and server/discover. */
  readonly instructions?: string;
  /** A value created at start-up and cleaned up at close, visible as `ctx.lifespan`. */
  readonly lifespan?: Lifespan<L>;
  /** Items per page of tools/resources/prompts lists. Default: one page. */
  readonly pageSize?: number;
  /** How 2026-07-28 `requestState` is sealed (set a shared `key` when several nodes serve). */
  readonly requestState?: RequestStateOptions;
  /** Cache hints for 2026-07-28 list results (per method); resources carry their own `cache`. */
  readonly cache?: Partial<Record<CacheableList, CacheHint>>;
  /** Extra capabilities to declare (e.g. `experimental`). */
  readonly capabilities?: JsonObject;
  /** Receives unexpected errors (masked on the wire). Default: console.error. */
  readonly onError?: (error: Error) => void;
}

/** Per legacy connection: the logging/setLevel threshold and resources/subscribe URIs. */
interface LegacyState {
  logLevel: string | undefined;
  readonly subscriptions: Set<string>;
}

const LIST_CHANGED = {
  tools: "notifications/tools/list_changed",
  resources: "notifications/resources/list_changed",
  prompts: "notifications/prompts/list_changed",
} as const;

/**
 * The high-level server: register tools, resources and prompts as functions; it serves them to
 * clients of both protocol eras, on any transport.
 *
 * @example
 * const mcp = new McpServer({ name: "Demo", version: "1.0.0" });
 * mcp.tool("add", { description: "Add two numbers", input: z.object({ a: z.number(), b: z.number() }) },
 *   ({ a, b }) => a + b);
 * mcp.resource("greeting://{name}", ({ name }) => `Hello, ${name}!`);
 * await mcp.run();
 */
export class McpServer<L = undefined> {
  readonly info: Implementation;
  readonly #server: Server;
  readonly #deps: McpDeps<L>;
  readonly #lifespan: LifespanRunner<L>;
  readonly #middleware = new MiddlewareChain();
  readonly #listen = new ListenHub();
  readonly #legacy = new WeakMap<ServerConnection, LegacyState>();
  readonly #pendingChanges = new Set<keyof typeof LIST_CHANGED>();
  readonly #cache: Partial<Record<CacheableList, CacheHint>>;
  /** Stops what run() serves. */
  #stop: (() => Promise<void>) | undefined;
  // Lazy schemas: registering is cheap; connect() compiles what is pending, and once connected,
  // registering compiles at once, so a broken schema is always reported by the call that caused it.
  #unprepared = false;
  #connected = false;
  #reportedBrokenSchema = false;

  constructor(info: Implementation, options: McpServerOptions<L> = {}) {
    this.info = info;
    this.#cache = options.cache ?? {};
    const onError = options.onError ?? ((error: Error) => console.error("[mcpkit] unexpected error:", error));
    this.#lifespan = new LifespanRunner(options.lifespan);
    const host: ContextHost = {
      readResource: (uri, ctx) => readResource(this.#deps, uri, ctx as Context<L>),
      legacyLogLevel: (request) => this.#legacyState(request.connection).logLevel,
    };
    this.#deps = {
      tools: new Registry<ToolEntry<L>>("tool", () => this.#changed("tools")),
      resources: new Registry<StaticResourceEntry<L>>("resource", () => this.#changed("resources")),
      templates: new Registry<TemplateResourceEntry<L>>("resource template", () =>
        this.#changed("resources"),
      ),
      prompts: new Registry<PromptEntry<L>>("prompt", () => this.#changed("prompts")),
      sealer: new RequestStateSealer(options.requestState),
      pageSize: checkPageSize(options.pageSize),
      onError,
      context: (request: RequestContext, round?: InputRound) => {
        const known = this.#lifespan.known;
        if (known) return new Context<L>(request, host, known.value, round);
        return this.#lifespan.start().then((value) => new Context<L>(request, host, value, round));
      },
    };
    this.#server = new Server(info, {
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        prompts: { listChanged: true },
        logging: {},
        completions: {},
        ...options.capabilities,
      },
      ...(options.instructions === undefined ? {} : { instructions: options.instructions }),
      onError: (error) =>
        error instanceof SdkError ? console.error(`[mcpkit] ${error.message}`) : onError(error),
    });
    this.#registerMethods();
  }

  /** Registers a tool. The handler's return value becomes the tool result (see `toContentBlocks`). */
  tool<I extends SchemaLike | undefined = undefined, O extends SchemaLike | undefined = undefined>(
    name: string,
    config: ToolConfig<I, O>,
    handler: ToolHandler<I, O, L>,
  ): RegisteredHandle;
  tool(name: string, handler: ToolHandler<undefined, undefined, L>): RegisteredHandle;
  tool(
    name: string,
    configOrHandler: ToolConfig<SchemaLike | undefined, SchemaLike | undefined> | AnyHandler,
    handler?: AnyHandler,
  ): RegisteredHandle {
    // On every start-up path (1,000 tools should cost about a millisecond): no tuple, no wrapper.
    const config = configOf(configOrHandler);
    const entry = new ToolEntry<L>(
      name,
      config,
      handlerOf(configOrHandler, handler) as ToolEntry<L>["handler"],
    );
    if (this.#connected) this.#compileNow(entry);
    else this.#unprepared = true;
    this.#deps.tools.add(name, entry, config.enabled ?? true);
    return handleFor(this.#deps.tools, name);
  }

  /**
   * Registers a resource. A URI with `{variables}` is a template (RFC 6570) whose handler gets the
   * variables; otherwise a static resource. Strings are text, bytes are blobs, objects JSON.
   */
  resource<U extends string>(
    uri: U,
    config: ResourceConfig<L>,
    handler: ResourceHandler<U, L>,
  ): RegisteredHandle;
  resource<U extends string>(uri: U, handler: ResourceHandler<U, L>): RegisteredHandle;
  resource(
    uri: string,
    configOrHandler: ResourceConfig<L> | AnyHandler,
    handler?: AnyHandler,
  ): RegisteredHandle {
    const config = configOf(configOrHandler);
    const run = handlerOf(configOrHandler, handler);
    const enabled = config.enabled ?? true;
    if (isTemplate(uri)) {
      const entry = defineTemplateResource<L>(uri, config, run as TemplateResourceEntry<L>["read"]);
      this.#deps.templates.add(uri, entry, enabled);
      return handleFor(this.#deps.templates, uri);
    }
    this.#deps.resources.add(
      uri,
      defineStaticResource<L>(uri, config, run as StaticResourceEntry<L>["read"]),
      enabled,
    );
    return handleFor(this.#deps.resources, uri);
  }

  /** Registers a prompt. Return a string (one user message), messages, or a GetPromptResult. */
  prompt<A extends SchemaLike | undefined = undefined>(
    name: string,
    config: PromptConfig<A>,
    handler: PromptHandler<A, L>,
  ): RegisteredHandle;
  prompt(name: string, handler: PromptHandler<undefined, L>): RegisteredHandle;
  prompt(
    name: string,
    configOrHandler: PromptConfig<SchemaLike | undefined> | AnyHandler,
    handler?: AnyHandler,
  ): RegisteredHandle {
    const config = configOf(configOrHandler);
    const entry = new PromptEntry<L>(
      name,
      config,
      handlerOf(configOrHandler, handler) as PromptEntry<L>["handler"],
    );
    if (this.#connected) this.#compileNow(entry);
    else this.#unprepared = true;
    this.#deps.prompts.add(name, entry, config.enabled ?? true);
    return handleFor(this.#deps.prompts, name);
  }

  /** Adds middleware around every method, or around one method. */
  use(middleware: Middleware): this;
  use<M extends ClientMethod>(method: M, middleware: Middleware<M>): this;
  use(methodOrMiddleware: string | Middleware, middleware?: Middleware): this {
    if (typeof methodOrMiddleware === "string")
      this.#middleware.add(methodOrMiddleware, middleware as Middleware);
    else this.#middleware.add(undefined, methodOrMiddleware);
    return this;
  }

  /** Tells subscribers that a resource changed (legacy resources/subscribe and 2026 listen streams). */
  async notifyResourceUpdated(uri: string): Promise<void> {
    this.#listen.publishResourceUpdated(uri);
    await this.#server.notifyAll("notifications/resources/updated", { uri }, (connection) =>
      this.#legacyState(connection).subscriptions.has(uri),
    );
  }

  /**
   * Serves one transport (starting the lifespan first, once). Tool and prompt schemas not compiled
   * yet are compiled first: a broken one rejects with a TypeError naming its tool or prompt.
   */
  connect(transport: Transport, options?: ConnectionOptions): Promise<ServerConnection> {
    // Once prepared and started, go straight through (the lifespan is not awaited again).
    if (this.#ready) return this.#server.connect(transport, options);
    return this.#start().then(() => this.#server.connect(transport, options));
  }

  /**
   * Answers one 2026-07-28 request on its own, with no connection: what stateless HTTP does with
   * each POST. A failure of the request becomes an error response; this rejects only when the
   * server cannot start (a broken schema, a failing lifespan).
   */
  serveRequest(inbound: InboundRequest): MaybePromise<JsonRpcResponse> {
    if (this.#ready) return this.#server.serveRequest(inbound);
    return this.#start().then(() => this.#server.serveRequest(inbound));
  }

  /** True once schemas are compiled and the lifespan has started: requests need no waiting. */
  get #ready(): boolean {
    return !this.#unprepared && this.#lifespan.known !== undefined;
  }

  async #start(): Promise<void> {
    if (this.#unprepared) await this.#prepareAll(true);
    this.#connected = true;
    await this.#lifespan.start();
  }

  /** The wire description of an enabled tool (the HTTP layer checks x-mcp-header parameters with it). */
  getTool(name: string): Spec2025_11_25.Tool | undefined {
    return this.#deps.tools.get(name)?.tool;
  }

  /**
   * Serves until closed: over stdio (the default) until stdin closes, or over Streamable HTTP
   * (both eras, on 127.0.0.1 unless told otherwise) until SIGINT/SIGTERM or `close()`. The
   * Node-only modules are loaded on demand by the package's own name, so this runtime-neutral
   * module never imports Node built-ins.
   */
  async run(options: RunOptions = {}): Promise<void> {
    // A broken schema fails here, before serving: over HTTP, connect() waits for the first client.
    if (this.#unprepared) await this.#prepareAll(false);
    await serveUntilClosed(this, options, (stop) => (this.#stop = stop));
    await this.close();
  }

  /** Ends listen streams, closes every connection (and a server run() started), then the lifespan's cleanup. */
  async close(): Promise<void> {
    const stop = this.#stop;
    this.#stop = undefined;
    await stop?.();
    this.#listen.close();
    // Let the listen streams' final results reach their transports before the connections close.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.#server.close();
    await this.#lifespan.stop();
  }

  /** Once connected, a registration compiles at once: its errors reach the caller. */
  #compileNow(entry: ToolEntry<L> | PromptEntry<L>): void {
    // Only a plain JSON Schema's reference check can come later (its validator engine loads first).
    entry.prepare()?.catch((error: unknown) => this.#deps.onError(error as Error));
  }

  /**
   * Compiles every registered tool's and prompt's schemas (each entry caches its own). A failure is
   * also logged once when `report` is set: an HTTP handler answers 500 without saying why.
   */
  async #prepareAll(report: boolean): Promise<void> {
    this.#unprepared = false;
    try {
      const pending: Promise<void>[] = [];
      for (const entry of [...this.#deps.tools.all(), ...this.#deps.prompts.all()]) {
        const ready = entry.prepare();
        if (ready) pending.push(ready);
      }
      await Promise.all(pending);
    } catch (error) {
      this.#unprepared = true; // every later connect fails the same way
      if (report && !this.#reportedBrokenSchema) {
        this.#reportedBrokenSchema = true;
        this.#deps.onError(error as Error);
      }
      throw error;
    }
  }

  #registerMethods(): void {
    const deps = this.#deps;
    this.#list("tools/list", (request) => listTools(deps, request.params));
    this.#method("tools/call", (request) => callTool(deps, request));
    this.#list("resources/list", (request) => listResources(deps, request));
    this.#list("resources/templates/list", (request) => listResourceTemplates(deps, request.params));
    this.#method("resources/read", (request) => readResourceRequest(deps, request));
    this.#list("prompts/list", (request) => listPrompts(deps, request.params));
    this.#method("prompts/get", (request) => getPrompt(deps, request));
    this.#method("completion/complete", (request) => complete(deps, request.params));
    this.#method("subscriptions/listen", (request) => this.#listen.listen(request));
    this.#method("logging/setLevel", (request) => {
      const level = request.params?.level;
      if (!isLogLevel(level))
        throw new McpError(ErrorCode.InvalidParams, `Unknown log level: ${String(level)}`);
      this.#legacyState(request.connection).logLevel = level;
      return {};
    });
    this.#method("resources/subscribe", (request) => this.#subscription(request, true));
    this.#method("resources/unsubscribe", (request) => this.#subscription(request, false));
  }

  /** A list method whose modern results carry the configured cache hint. */
  #list(method: CacheableList, run: (request: RequestContext) => JsonObject | Promise<JsonObject>): void {
    this.#method(method, async (request) => withCacheHint(await run(request), request, this.#cache[method]));
  }

  /** Registers a method on the low-level server, through the middleware chain when there is one. */
  #method(method: string, run: (request: RequestContext) => JsonObject | Promise<JsonObject>): void {
    // Not async: a synchronous answer (or throw) passes straight through, costing no microtask.
    this.#server.handle(method, (params, ctx) => {
      if (this.#middleware.empty) return run(ctx);
      return this.#middleware.run(method, params, ctx, async (changed) =>
        run(changed === params ? ctx : withParams(ctx, changed)),
      );
    });
  }

  #subscription(request: RequestContext, subscribe: boolean): JsonObject {
    const uri = request.params?.uri;
    if (typeof uri !== "string") throw new McpError(ErrorCode.InvalidParams, "A resource uri is required");
    const { subscriptions } = this.#legacyState(request.connection);
    if (subscribe) subscriptions.add(uri);
    else subscriptions.delete(uri);
    return {};
  }

  #legacyState(connection: ServerConnection | undefined): LegacyState {
    // Only legacy requests keep state, and they always come on a connection; a request served on
    // its own (2026-07-28 over HTTP) gets a fresh state that nothing keeps.
    if (!connection) return { logLevel: undefined, subscriptions: new Set() };
    let state = this.#legacy.get(connection);
    if (!state) this.#legacy.set(connection, (state = { logLevel: undefined, subscriptions: new Set() }));
    return state;
  }

  /** Batches list changes of one tick into one notification per list, to both eras. */
  #changed(kind: keyof typeof LIST_CHANGED): void {
    if (!this.#connected) return; // nobody to tell yet
    if (this.#pendingChanges.size === 0) queueMicrotask(() => this.#flushChanges());
    this.#pendingChanges.add(kind);
  }

  #flushChanges(): void {
    for (const kind of this.#pendingChanges) {
      const method = LIST_CHANGED[kind];
      this.#listen.publishListChanged(method);
      this.#server.notifyAll(method).catch((error: unknown) => this.#deps.onError(error as Error));
    }
    this.#pendingChanges.clear();
  }
}

type AnyHandler = (...args: never[]) => unknown;

/** The handler of a resource: static ones get the context, templates their variables first. */
export type ResourceHandler<U extends string, L> = string extends U
  ? (...args: never[]) => unknown
  : keyof UriVariables<U> extends never
    ? (ctx: Context<L>) => unknown
    : (variables: UriVariables<U>, ctx: Context<L>) => unknown;

const EMPTY_CONFIG = Object.freeze({});

/** The config of `tool(name, config, handler)`, or an empty one for `tool(name, handler)`. */
function configOf<C extends object>(configOrHandler: C | AnyHandler): C {
  return typeof configOrHandler === "function" ? (EMPTY_CONFIG as C) : configOrHandler;
}

/** The handler, whichever form was used. (Two calls, not a tuple: cold code pays for destructuring.) */
function handlerOf(configOrHandler: object, handler: AnyHandler | undefined): AnyHandler {
  if (typeof configOrHandler === "function") return configOrHandler as AnyHandler;
  if (!handler) throw new TypeError("A handler function is required");
  return handler;
}
