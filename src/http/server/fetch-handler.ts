/**
 * The one shape every HTTP entry point has (DESIGN.md principle 2): a web-standard Request in,
 * a Response out. Adapters for Node, Express, Fastify and Hono only translate to and from it.
 *
 * @example
 * const handler = createMcpHandler(mcp);
 * export default { fetch: (request: Request) => handler.fetch(request) }; // Workers, Deno, Bun
 */
export interface FetchHandler {
  /** Answers one HTTP request. Never throws: failures become HTTP error responses. */
  fetch(request: Request, context?: RequestExtras): Promise<Response>;
  /** Ends open streams and sessions; later requests get 503. Idempotent. */
  close(): Promise<void>;
}

/** What an adapter may add to a request beyond the Request itself. */
export interface RequestExtras {
  /** Credentials verified by an auth layer in front of the handler (e.g. Express middleware). */
  readonly authInfo?: Readonly<Record<string, unknown>>;
  /** The body, when a framework already read and parsed it (express.json(), Fastify). */
  readonly parsedBody?: unknown;
}
