import type { MaybePromise } from "../../util/maybe-promise.js";
import type { HttpReply, HttpRequestView } from "./exchange.js";
import type { FetchHandler, RequestExtras } from "./fetch-handler.js";

/**
 * A handler's entry below `fetch`: a request view in, a reply out, no web Request or Response.
 * The reply comes synchronously when nothing was pending; it never rejects.
 */
export type ViewHandler = (request: HttpRequestView, extras?: RequestExtras) => MaybePromise<HttpReply>;

const viewHandlers = new WeakMap<FetchHandler, ViewHandler>();

/** Records that `handler.fetch` is `serve` wrapped in a web Request and Response. @internal */
export function withViewHandler<T extends FetchHandler>(handler: T, serve: ViewHandler): T {
  viewHandlers.set(handler, serve);
  return handler;
}

/**
 * The view entry of a handler made by createMcpHandler, if it is one: adapters that own the
 * socket (Node) use it to skip the web Request and Response. Any other FetchHandler has none.
 * @internal
 */
export function viewHandlerOf(handler: FetchHandler): ViewHandler | undefined {
  return viewHandlers.get(handler);
}
