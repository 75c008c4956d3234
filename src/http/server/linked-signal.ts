/** An abort signal made on first read that follows a parent signal (if any) and can be aborted itself. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  abort(reason: unknown): void;
}

/** Whatever has a signal to follow (a request view), read only when the linked signal is made. */
export interface SignalSource {
  readonly signal: AbortSignal;
}

/**
 * A {@link LinkedSignal} whose AbortController (and the parent's, read from `parent`) exists
 * only once someone reads `signal`: most calls finish without anyone listening, and two
 * controllers per request are a measurable share of a fast call.
 */
export function linkedSignal(parent?: SignalSource): LinkedSignal {
  return new LazyLinkedSignal(parent);
}

/**
 * A class, not an object literal with a getter: V8 makes such a literal (two closures and an
 * accessor) per call, which cost more per request than everything else here together.
 */
class LazyLinkedSignal implements LinkedSignal {
  readonly #parent: SignalSource | undefined;
  #controller: AbortController | undefined;
  #reason: { readonly value: unknown } | undefined;

  constructor(parent: SignalSource | undefined) {
    this.#parent = parent;
  }

  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const own = (this.#controller = new AbortController());
    const source = this.#parent?.signal;
    if (this.#reason) own.abort(this.#reason.value);
    else if (source?.aborted) own.abort(source.reason);
    else source?.addEventListener("abort", () => own.abort(source.reason), { once: true });
    return own.signal;
  }

  abort(value: unknown): void {
    if (this.#reason) return;
    this.#reason = { value };
    this.#controller?.abort(value);
  }
}
