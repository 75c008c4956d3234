/**
 * Anything thrown (or rejected with) as an Error, for the `onError` callbacks and streams that
 * only take Errors.
 *
 * @example
 * handlers.onError(toError(caught));
 */
export function toError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown));
}
