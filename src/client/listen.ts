import { SdkError, SdkErrorCode } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";
import { toError } from "../util/to-error.js";

/** What a listener opts in to (2026-07-28 `subscriptions/listen`; emulated for legacy servers). */
export interface ListenFilter {
  readonly toolsListChanged?: boolean;
  readonly promptsListChanged?: boolean;
  readonly resourcesListChanged?: boolean;
  readonly resourceSubscriptions?: readonly string[];
}

/** One change notification from the server. */
export interface ChangeNotification {
  readonly method: string;
  readonly params: JsonObject | undefined;
}

/** Notifications a listen stream may carry, by the filter flag that asks for them. */
export const LISTEN_METHODS = {
  toolsListChanged: "notifications/tools/list_changed",
  promptsListChanged: "notifications/prompts/list_changed",
  resourcesListChanged: "notifications/resources/list_changed",
} as const;

/** Bound on notifications a slow consumer may leave unread; past it the stream ends with an error. */
const MAX_BUFFERED = 1_000;

/**
 * An async iterator fed by pushes: what `client.listen()` returns. Ending the loop early
 * (`break`, `return`) runs `onStop`, which ends the subscription on the server.
 */
export class NotificationStream implements AsyncIterableIterator<ChangeNotification> {
  readonly #buffer: ChangeNotification[] = [];
  readonly #waiting: {
    resolve: (result: IteratorResult<ChangeNotification>) => void;
    reject: (error: Error) => void;
  }[] = [];
  readonly #onStop: () => void;
  #error: Error | undefined;
  #done = false;
  #markReady!: () => void;
  /** Settles once the server has the subscription (2026: acknowledged; legacy: subscribed). */
  readonly ready: Promise<void> = new Promise((resolve) => (this.#markReady = resolve));

  constructor(onStop: () => void) {
    this.#onStop = onStop;
  }

  /** The subscription is in place on the server. */
  markReady(): void {
    this.#markReady();
  }

  push(notification: ChangeNotification): void {
    if (this.#done) return;
    const waiter = this.#waiting.shift();
    if (waiter) waiter.resolve({ value: notification, done: false });
    else if (this.#buffer.length < MAX_BUFFERED) this.#buffer.push(notification);
    else this.end(new SdkError(SdkErrorCode.Protocol, `More than ${MAX_BUFFERED} unread notifications`));
  }

  /** Ends the stream (the server closed it, the connection closed, or it failed). */
  end(error?: Error): void {
    if (this.#done) return;
    this.#done = true;
    this.#markReady();
    this.#error = error;
    for (const waiter of this.#waiting.splice(0)) {
      if (error) waiter.reject(error);
      else waiter.resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<ChangeNotification>> {
    const buffered = this.#buffer.shift();
    if (buffered) return Promise.resolve({ value: buffered, done: false });
    if (this.#error) return Promise.reject(this.#error);
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<ChangeNotification>> {
    if (!this.#done) this.#onStop();
    this.end();
    this.#buffer.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<ChangeNotification> {
    return this;
  }
}

/** What the listen helpers need of a client. */
export interface ListenHost {
  readonly era: "legacy" | "modern" | undefined;
  request(method: string, params: JsonObject | undefined, options: ListenRequestOptions): Promise<JsonObject>;
  on(method: string, handler: (params: JsonObject | undefined) => void): () => void;
}

export interface ListenRequestOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly onRequestId?: (id: string | number) => void;
}

/**
 * 2026-07-28: one `subscriptions/listen` request kept open; notifications tagged with its id
 * (the acknowledgement first) feed the stream. Stopping the loop cancels the request.
 */
export function listenModern(
  host: ListenHost,
  filter: ListenFilter,
  signal: AbortSignal | undefined,
): NotificationStream {
  const controller = new AbortController();
  signal?.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  const stream = new NotificationStream(() => controller.abort());
  let subscriptionId: string | number | undefined;
  const methods = [
    "notifications/subscriptions/acknowledged",
    ...Object.values(LISTEN_METHODS),
    "notifications/resources/updated",
  ];
  const offs = methods.map((method) =>
    host.on(method, (params) => {
      const meta = params?._meta as JsonObject | undefined;
      if (subscriptionId === undefined || meta?.["io.modelcontextprotocol/subscriptionId"] !== subscriptionId)
        return;
      if (method === "notifications/subscriptions/acknowledged") stream.markReady();
      else stream.push({ method, params });
    }),
  );
  const params: JsonObject = { notifications: { ...filter } };
  host
    .request("subscriptions/listen", params, {
      signal: controller.signal,
      timeoutMs: Infinity,
      onRequestId: (id) => (subscriptionId = id),
    })
    .then(
      () => stream.end(),
      (error: unknown) => stream.end(controller.signal.aborted ? undefined : toError(error)),
    )
    .finally(() => offs.forEach((off) => off()));
  return stream;
}

/**
 * Legacy servers: the same stream from unsolicited list_changed notifications and
 * resources/subscribe; stopping the loop unsubscribes.
 */
export function listenLegacy(host: ListenHost, filter: ListenFilter): NotificationStream {
  const uris = [...(filter.resourceSubscriptions ?? [])];
  const offs: (() => void)[] = [];
  const stream = new NotificationStream(() => {
    offs.forEach((off) => off());
    for (const uri of uris) void host.request("resources/unsubscribe", { uri }, {}).catch(() => undefined);
  });
  for (const [flag, method] of Object.entries(LISTEN_METHODS)) {
    if (filter[flag as keyof typeof LISTEN_METHODS])
      offs.push(host.on(method, (params) => stream.push({ method, params })));
  }
  if (uris.length > 0) {
    offs.push(
      host.on("notifications/resources/updated", (params) => {
        if (typeof params?.uri === "string" && uris.includes(params.uri)) {
          stream.push({ method: "notifications/resources/updated", params });
        }
      }),
    );
    Promise.all(uris.map((uri) => host.request("resources/subscribe", { uri }, {}))).then(
      () => stream.markReady(),
      (error: unknown) => stream.end(toError(error)),
    );
  } else {
    stream.markReady();
  }
  return stream;
}
