import { ErrorCode, McpError, isJsonObject } from "../jsonrpc/index.js";
import type { JsonObject, RequestId } from "../jsonrpc/index.js";
import { missingClientCapability } from "../protocol/index.js";
import type { Era, Implementation } from "../protocol/index.js";
import type { Spec2025_11_25 } from "../spec/index.js";
import type { InputRequest, InputRound } from "./input/input-round.js";
import { passesLevel } from "./logging.js";
import type { LogLevel } from "./logging.js";
import { toRequestedSchema } from "./elicitation.js";
import type { ElicitOutcome, ElicitSchema } from "./elicitation.js";
import type { RequestContext } from "./request-context.js";

type ResourceContents = Spec2025_11_25.TextResourceContents | Spec2025_11_25.BlobResourceContents;
type CreateMessageParams = Spec2025_11_25.CreateMessageRequestParams;
type CreateMessageResult = Spec2025_11_25.CreateMessageResult;
type Root = Spec2025_11_25.Root;

/** What the McpServer lends a context: resource reads and the legacy connection's log level. */
export interface ContextHost {
  readResource(uri: string, ctx: Context<unknown>): Promise<ResourceContents[]>;
  /** The threshold a legacy client set with logging/setLevel; undefined sends everything. */
  legacyLogLevel(ctx: RequestContext): string | undefined;
}

/** Options of anything that asks the client for input. */
export interface AskOptions {
  /** The key of this ask in a 2026-07-28 `inputRequests` map. Default: `<kind>-<n>` in call order. */
  readonly key?: string;
}

/** Options of `ctx.sample` besides the messages. */
export type SampleOptions = Partial<Omit<CreateMessageParams, "messages">>;

/**
 * The one context every tool, resource and prompt handler gets: logging, progress, resource
 * reads, and asking the client (elicitation, sampling, roots) the same way in both eras: a real
 * request to a legacy client, an `input_required` round trip to a 2026-07-28 one.
 *
 * @example
 * mcp.tool("long_task", { input: z.object({ files: z.array(z.string()) }) }, async ({ files }, ctx) => {
 *   for (const [i, file] of files.entries()) {
 *     await ctx.info(`Processing ${file}`);
 *     await ctx.progress(i + 1, files.length);
 *   }
 *   return "done";
 * });
 */
export class Context<L = unknown> {
  readonly #request: RequestContext;
  readonly #host: ContextHost;
  readonly #round: InputRound | undefined;
  /** The value the server's lifespan produced. */
  readonly lifespan: L;
  #abandon: AbortController | undefined;
  #signal: AbortSignal | undefined;

  constructor(request: RequestContext, host: ContextHost, lifespan: L, round?: InputRound) {
    this.#request = request;
    this.#host = host;
    this.lifespan = lifespan;
    this.#round = round;
  }

  get requestId(): RequestId {
    return this.#request.id;
  }
  get era(): Era {
    return this.#request.era;
  }
  get protocolVersion(): string {
    return this.#request.protocolVersion;
  }
  get clientInfo(): Implementation | undefined {
    return this.#request.clientInfo;
  }
  get clientCapabilities(): JsonObject {
    return this.#request.clientCapabilities;
  }
  /** The request's `_meta` (progress token, trace context, ...). */
  get meta(): JsonObject | undefined {
    return this.#request.meta;
  }
  /** HTTP request headers, when the request came over HTTP. */
  get headers(): Headers | undefined {
    return this.#request.headers;
  }
  /** Verified credentials, when the request came through an auth layer. */
  get authInfo(): Readonly<Record<string, unknown>> | undefined {
    return this.#request.authInfo;
  }

  /**
   * Ends the HTTP stream that carries this request's answers while the handler goes on (legacy
   * Streamable HTTP with resumability, SEP-1699 polling): the client reconnects and collects the
   * rest. Does nothing on other transports.
   */
  closeStream(): void {
    this.#request.closeStream?.();
  }

  /** Aborted when the client cancels or disconnects, or when the round ends waiting for input. */
  get signal(): AbortSignal {
    if (!this.#signal) {
      this.#abandon ??= new AbortController();
      this.#signal = AbortSignal.any([this.#request.signal, this.#abandon.signal]);
    }
    return this.#signal;
  }

  /** Ends this run: the handler waits for input the client will send with its next round. */
  abandon(): void {
    this.#abandon ??= new AbortController();
    this.#abandon.abort(new Error("Waiting for client input; the handler re-runs on the next round"));
  }

  /** Sends a log message to the client, if its log level lets it through. */
  async log(level: LogLevel, data: unknown, logger?: string): Promise<void> {
    const threshold =
      this.#request.era === "modern"
        ? this.#request.logLevel
        : (this.#host.legacyLogLevel(this.#request) ?? "debug");
    if (!passesLevel(level, threshold)) return;
    const params: JsonObject = logger === undefined ? { level, data } : { level, data, logger };
    await this.#request.notify("notifications/message", params);
  }
  debug(data: unknown, logger?: string): Promise<void> {
    return this.log("debug", data, logger);
  }
  info(data: unknown, logger?: string): Promise<void> {
    return this.log("info", data, logger);
  }
  notice(data: unknown, logger?: string): Promise<void> {
    return this.log("notice", data, logger);
  }
  warning(data: unknown, logger?: string): Promise<void> {
    return this.log("warning", data, logger);
  }
  error(data: unknown, logger?: string): Promise<void> {
    return this.log("error", data, logger);
  }
  critical(data: unknown, logger?: string): Promise<void> {
    return this.log("critical", data, logger);
  }
  alert(data: unknown, logger?: string): Promise<void> {
    return this.log("alert", data, logger);
  }
  emergency(data: unknown, logger?: string): Promise<void> {
    return this.log("emergency", data, logger);
  }

  /** Reports progress, if the client asked for it (a progressToken in the request's `_meta`). */
  async progress(progress: number, total?: number, message?: string): Promise<void> {
    const token = this.#request.meta?.progressToken;
    if (typeof token !== "string" && typeof token !== "number") return;
    const params: JsonObject = { progressToken: token, progress };
    if (total !== undefined) params.total = total;
    if (message !== undefined) params.message = message;
    await this.#request.notify("notifications/progress", params);
  }

  /** Reads a resource of this server, as a client would. */
  readResource(uri: string): Promise<ResourceContents[]> {
    return this.#host.readResource(uri, this);
  }

  /**
   * Asks the user for structured input (form elicitation). `schema` is a flat object schema
   * (Standard Schema or JSON Schema); accepted content is validated against it.
   */
  async elicit<S extends ElicitSchema>(
    message: string,
    schema: S,
    options: AskOptions = {},
  ): Promise<ElicitOutcome<S>> {
    this.#requireCapability("elicitation", isFormElicitationCapable);
    const { requestedSchema, validate } = toRequestedSchema(schema);
    const answer = await this.#ask(
      {
        method: "elicitation/create",
        // `mode` arrived in 2025-11-25; older clients know only the form.
        params:
          this.protocolVersion >= "2025-11-25"
            ? { mode: "form", message, requestedSchema }
            : { message, requestedSchema },
      },
      options.key,
    );
    return validate(answer);
  }

  /** Sends the user to a URL (URL-mode elicitation, 2025-11-25 and later) and reports what they did. */
  async elicitUrl(
    message: string,
    url: string,
    options: AskOptions & { readonly elicitationId?: string } = {},
  ): Promise<Spec2025_11_25.ElicitResult> {
    this.#requireCapability(
      "elicitation.url",
      (caps) => isJsonObject(caps.elicitation) && isJsonObject(caps.elicitation.url),
    );
    const params: JsonObject = { mode: "url", message, url };
    // elicitationId exists in 2025-11-25 only; 2026-07-28 removed it.
    if (this.era === "legacy") params.elicitationId = options.elicitationId ?? crypto.randomUUID();
    return (await this.#ask(
      { method: "elicitation/create", params },
      options.key,
    )) as Spec2025_11_25.ElicitResult;
  }

  /** Asks the client's model for a completion (sampling). A string becomes one user message. */
  async sample(
    input: string | CreateMessageParams["messages"],
    options: SampleOptions & AskOptions = {},
  ): Promise<CreateMessageResult> {
    const needsTools = options.tools !== undefined || options.toolChoice !== undefined;
    this.#requireCapability(needsTools ? "sampling.tools" : "sampling", (caps) =>
      needsTools
        ? isJsonObject(caps.sampling) && isJsonObject(caps.sampling.tools)
        : isJsonObject(caps.sampling),
    );
    const messages =
      typeof input === "string" ? [{ role: "user", content: { type: "text", text: input } }] : input;
    const { key, ...sampling } = options;
    const params: JsonObject = { maxTokens: 1024, ...sampling, messages };
    return (await this.#ask({ method: "sampling/createMessage", params }, key)) as CreateMessageResult;
  }

  /** The client's roots (directories or URIs it exposes). */
  async listRoots(options: AskOptions = {}): Promise<Root[]> {
    this.#requireCapability("roots", (caps) => isJsonObject(caps.roots));
    const result = (await this.#ask({ method: "roots/list" }, options.key)) as { roots?: Root[] };
    return result.roots ?? [];
  }

  #ask(request: InputRequest, key: string | undefined): Promise<unknown> {
    if (this.era === "legacy") return this.#request.sendRequest(request.method, request.params);
    if (!this.#round) {
      throw new McpError(
        ErrorCode.InvalidRequest,
        `${this.#request.method} cannot ask the client for input in 2026-07-28`,
      );
    }
    return this.#round.ask(request, key);
  }

  #requireCapability(name: string, has: (capabilities: JsonObject) => boolean): void {
    if (has(this.clientCapabilities)) return;
    if (this.era === "modern") {
      const [root, sub] = name.split(".") as [string, string | undefined];
      throw missingClientCapability(sub ? { [root]: { [sub]: {} } } : { [root]: {} }, name);
    }
    throw new McpError(ErrorCode.InvalidRequest, `The client does not support ${name}`);
  }
}

/** An empty `elicitation: {}` means form mode (2025-11-25 back-compat); `{ url: {} }` alone does not. */
function isFormElicitationCapable(capabilities: JsonObject): boolean {
  const elicitation = capabilities.elicitation;
  if (!isJsonObject(elicitation)) return false;
  return elicitation.form !== undefined || elicitation.url === undefined;
}
