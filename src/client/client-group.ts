import { ErrorCode, McpError, SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import { resourceNotFound } from "../protocol/index.js";
import type { ClientParams, ClientResult } from "../protocol/index.js";
import type { RequestOptions } from "../session/index.js";
import type { Spec2025_11_25 } from "../spec/index.js";
import { parseUriTemplate } from "../util/uri-template.js";
import type { Client } from "./client.js";

type Tool = Spec2025_11_25.Tool;
type Prompt = Spec2025_11_25.Prompt;
type Resource = Spec2025_11_25.Resource;
type ResourceTemplate = Spec2025_11_25.ResourceTemplate;

/** Options of {@link ClientGroup}. */
export interface ClientGroupOptions {
  /** Put between a server's name and a tool or prompt name. Default `"__"` (`github__create_issue`). */
  readonly separator?: string;
}

/** Where a name of the group's namespace comes from. */
export interface Origin {
  /** The name the server was added under. */
  readonly server: string;
  /** The tool or prompt name on that server. */
  readonly name: string;
}

/** A server name must keep prefixed names within the tool-name alphabet (SEP-986). */
const SERVER_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Several connected clients as one namespace: tools and prompts are listed with the server's name
 * as a prefix (`weather__forecast`) and calls are routed back by it; resources keep their URIs
 * and reads go to the server that listed the URI or whose template matches it. The group lists
 * every page of every server, concurrently; a failing server fails the listing with its name.
 *
 * @example
 * const group = new ClientGroup().add("weather", weatherClient).add("files", filesClient);
 * const { tools } = await group.listTools(); // weather__forecast, files__read_file, ...
 * await group.callTool({ name: "weather__forecast", arguments: { city: "Paris" } });
 */
export class ClientGroup {
  readonly #separator: string;
  readonly #clients = new Map<string, Client>();
  #tools = new Map<string, Origin>();
  #prompts = new Map<string, Origin>();
  #resources = new Map<string, string>();
  #templates: Array<{ server: string; matches: (uri: string) => boolean }> = [];

  constructor(options: ClientGroupOptions = {}) {
    this.#separator = options.separator ?? "__";
  }

  /** Adds a client (connected or to be connected) under a name that becomes its prefix. */
  add(server: string, client: Client): this {
    if (!SERVER_NAME.test(server))
      throw new TypeError(`Server name ${JSON.stringify(server)} must be 1-64 of A-Z a-z 0-9 _ -`);
    if (this.#clients.has(server)) throw new TypeError(`A server named "${server}" is already in the group`);
    this.#clients.set(server, client);
    return this;
  }

  /** Takes a server out of the group (it stays connected) and returns its client. */
  remove(server: string): Client | undefined {
    const client = this.#clients.get(server);
    this.#clients.delete(server);
    return client;
  }

  get(server: string): Client | undefined {
    return this.#clients.get(server);
  }

  get servers(): string[] {
    return [...this.#clients.keys()];
  }

  /** Where a prefixed tool or prompt name points, as of the last listing. */
  origin(name: string): Origin | undefined {
    return this.#tools.get(name) ?? this.#prompts.get(name);
  }

  /** Every tool of every server, names prefixed. */
  async listTools(options?: RequestOptions): Promise<{ tools: Tool[] }> {
    const listed = await this.#collect((client) => client.iterateTools(options));
    this.#tools = new Map();
    const tools = listed.flatMap(({ server, items }) =>
      items.map((tool) => ({ ...tool, name: this.#prefixed(server, tool.name, this.#tools) })),
    );
    return { tools };
  }

  /** Calls a tool by its prefixed name (listing first if the name is not known yet). */
  async callTool(
    params: ClientParams<"tools/call">,
    options?: RequestOptions,
  ): Promise<ClientResult<"tools/call">> {
    if (!this.#tools.has(params.name)) await this.listTools(options);
    const { client, name } = this.#route(this.#tools, params.name, "tool");
    return client.callTool({ ...params, name }, options);
  }

  /** Every prompt of every server, names prefixed. */
  async listPrompts(options?: RequestOptions): Promise<{ prompts: Prompt[] }> {
    const listed = await this.#collect((client) => client.iteratePrompts(options));
    this.#prompts = new Map();
    const prompts = listed.flatMap(({ server, items }) =>
      items.map((prompt) => ({ ...prompt, name: this.#prefixed(server, prompt.name, this.#prompts) })),
    );
    return { prompts };
  }

  async getPrompt(
    params: ClientParams<"prompts/get">,
    options?: RequestOptions,
  ): Promise<ClientResult<"prompts/get">> {
    if (!this.#prompts.has(params.name)) await this.listPrompts(options);
    const { client, name } = this.#route(this.#prompts, params.name, "prompt");
    return client.getPrompt({ ...params, name }, options);
  }

  /** Every resource of every server, URIs unchanged. */
  async listResources(options?: RequestOptions): Promise<{ resources: Resource[] }> {
    const listed = await this.#collect((client) => client.iterateResources(options));
    this.#resources = new Map();
    for (const { server, items } of listed)
      for (const resource of items)
        if (!this.#resources.has(resource.uri)) this.#resources.set(resource.uri, server);
    return { resources: listed.flatMap(({ items }) => items) };
  }

  /** Every resource template of every server. */
  async listResourceTemplates(options?: RequestOptions): Promise<{ resourceTemplates: ResourceTemplate[] }> {
    const listed = await this.#collect((client) => client.iterateResourceTemplates(options));
    this.#templates = listed.flatMap(({ server, items }) => items.flatMap((t) => templateRoute(server, t)));
    return { resourceTemplates: listed.flatMap(({ items }) => items) };
  }

  /** Reads a URI from the server that listed it, or whose template matches it. */
  async readResource(
    params: ClientParams<"resources/read">,
    options?: RequestOptions,
  ): Promise<ClientResult<"resources/read">> {
    let server = this.#resourceServer(params.uri);
    if (server === undefined) {
      await Promise.all([this.listResources(options), this.listResourceTemplates(options)]);
      server = this.#resourceServer(params.uri);
    }
    const client = server === undefined ? undefined : this.#clients.get(server);
    if (!client) throw resourceNotFound(params.uri, "legacy");
    return client.readResource(params, options);
  }

  /** Closes every client in the group. */
  async close(): Promise<void> {
    const clients = [...this.#clients.values()];
    this.#clients.clear();
    await Promise.all(clients.map((client) => client.close()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #resourceServer(uri: string): string | undefined {
    return this.#resources.get(uri) ?? this.#templates.find((route) => route.matches(uri))?.server;
  }

  #prefixed(server: string, name: string, index: Map<string, Origin>): string {
    const prefixed = `${server}${this.#separator}${name}`;
    index.set(prefixed, { server, name });
    return prefixed;
  }

  #route(index: Map<string, Origin>, prefixed: string, kind: string): { client: Client; name: string } {
    const origin = index.get(prefixed);
    const client = origin && this.#clients.get(origin.server);
    // The answer a server gives for an unknown tool or prompt.
    if (!origin || !client) throw new McpError(ErrorCode.InvalidParams, `Unknown ${kind}: ${prefixed}`);
    return { client, name: origin.name };
  }

  /** Every item from every server, concurrently; an error names the server it came from. */
  async #collect<T>(
    iterate: (client: Client) => AsyncIterable<T>,
  ): Promise<Array<{ server: string; items: T[] }>> {
    return Promise.all(
      [...this.#clients].map(async ([server, client]) => {
        const items: T[] = [];
        try {
          for await (const item of iterate(client)) items.push(item);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new SdkError(SdkErrorCode.Protocol, `Server "${server}": ${reason}`, { cause: error });
        }
        return { server, items };
      }),
    );
  }
}

function templateRoute(server: string, template: ResourceTemplate) {
  try {
    const parsed = parseUriTemplate(template.uriTemplate);
    return [{ server, matches: (uri: string) => parsed.match(uri) !== undefined }];
  } catch {
    return []; // a template we cannot parse routes nothing
  }
}
