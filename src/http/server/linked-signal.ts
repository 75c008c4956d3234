/** An abort signal made on first read that follows a parent signal (if any) and can be aborted itself. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
}

/**
 * A {@link LinkedSignal} whose AbortController (and the parent's, read through `parent`) exists
 * only once someone reads `signal`: most calls finish without anyone listening, and two
 * controllers per request are a measurable share of a fast call.
 */
export function linkedSignal(parent?: () => AbortSignal): LinkedSignal {
  let controller: AbortController | undefined;
  let reason: { value: unknown } | undefined;
  return {
    get signal() {
      if (controller) return controller.signal;
      const own = (controller = new AbortController());
      const source = parent?.();
      if (reason) own.abort(reason.value);
      else if (source?.aborted) own.abort(source.reason);
      else source?.addEventListener("abort", () => own.abort(source.reason), { once: true });
      return own.signal;
    },
    abort(value) {
      if (reason) return;
      reason = { value };
      controller?.abort(value);
    },
  };
}
