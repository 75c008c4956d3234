/**
 * A value now or later. The request path passes these through instead of awaiting at every layer:
 * each `await` of a plain value costs a microtask and a promise, and a tools/call crosses about
 * ten layers, so awaiting only what truly is pending halves the machinery per call.
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * True for a Promise or any thenable (a handler may return either).
 *
 * @example
 * const value = handler(args);
 * const settled = isPromiseLike(value) ? await value : value;
 */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
