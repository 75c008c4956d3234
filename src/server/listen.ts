import { ErrorCode, McpError, isJsonObject } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";
import { MetaKey } from "../protocol/index.js";
import type { RequestContext } from "./request-context.js";

/** What a 2026-07-28 client opts in to on a `subscriptions/listen` stream. */
export interface ListenFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  resourceSubscriptions?: string[];
}

interface Stream {
  readonly request: RequestContext;
  readonly filter: ListenFilter;
  readonly end: (result: JsonObject) => void;
}

const LIST_CHANGED_FLAG: Readonly<Record<string, keyof ListenFilter>> = {
  "notifications/tools/list_changed": "toolsListChanged",
  "notifications/prompts/list_changed": "promptsListChanged",
  "notifications/resources/list_changed": "resourcesListChanged",
};

/**
 * The open `subscriptions/listen` streams of 2026-07-28 clients. Each stream is acknowledged
 * first, gets only what it asked for, and every message on it carries its subscription id
 * (the listen request's id). Closing the hub ends every stream with a result (graceful end).
 */
export class ListenHub {
  readonly #streams = new Set<Stream>();

  /** Serves one listen request; resolves (with the result) only when the server ends the stream. */
  async listen(request: RequestContext): Promise<JsonObject> {
    const filter = readFilter(request.params?.notifications);
    const tag = { [MetaKey.SubscriptionId]: request.id };
    const result = new Promise<JsonObject>((resolve) => {
      const stream: Stream = { request, filter, end: resolve };
      this.#streams.add(stream);
      // A cancelled stream settles too (its answer is dropped), so nothing waits forever.
      request.signal.addEventListener("abort", () => (this.#streams.delete(stream), resolve({})), {
        once: true,
      });
    });
    await request.notify("notifications/subscriptions/acknowledged", { notifications: filter, _meta: tag });
    return result;
  }

  /** Sends a list_changed notification to the streams that opted in to it. */
  publishListChanged(method: string): void {
    const flag = LIST_CHANGED_FLAG[method];
    if (!flag) return;
    for (const stream of this.#streams) if (stream.filter[flag] === true) this.#send(stream, method, {});
  }

  /** Sends resources/updated to the streams subscribed to `uri`. */
  publishResourceUpdated(uri: string): void {
    for (const stream of this.#streams) {
      if (stream.filter.resourceSubscriptions?.includes(uri))
        this.#send(stream, "notifications/resources/updated", { uri });
    }
  }

  /** Ends every stream gracefully with a SubscriptionsListenResult. */
  close(): void {
    for (const stream of this.#streams)
      stream.end({ _meta: { [MetaKey.SubscriptionId]: stream.request.id } });
    this.#streams.clear();
  }

  #send(stream: Stream, method: string, params: JsonObject): void {
    const tagged = { ...params, _meta: { [MetaKey.SubscriptionId]: stream.request.id } };
    stream.request.notify(method, tagged).catch(() => this.#streams.delete(stream));
  }
}

/** The honoured subset of what the client asked for (all types exist on an McpServer). */
function readFilter(value: unknown): ListenFilter {
  if (!isJsonObject(value))
    throw new McpError(ErrorCode.InvalidParams, "subscriptions/listen needs a notifications filter");
  const filter: ListenFilter = {};
  if (value.toolsListChanged === true) filter.toolsListChanged = true;
  if (value.promptsListChanged === true) filter.promptsListChanged = true;
  if (value.resourcesListChanged === true) filter.resourcesListChanged = true;
  const uris = value.resourceSubscriptions;
  if (Array.isArray(uris))
    filter.resourceSubscriptions = uris.filter((uri): uri is string => typeof uri === "string");
  return filter;
}
