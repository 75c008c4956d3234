/**
 * A value created once when the server starts and cleaned up when it closes, visible to every
 * handler as `ctx.lifespan`. Write it as an async generator: code before `yield` starts up,
 * code after (in `finally`) shuts down, as Python's async context managers do.
 *
 * @example
 * const mcp = new McpServer(info, {
 *   lifespan: async function* () {
 *     const db = await Database.connect();
 *     try { yield { db }; } finally { await db.disconnect(); }
 *   },
 * });
 */
export type Lifespan<L> = () => AsyncGenerator<L, void, void> | Generator<L, void, void> | Promise<L> | L;

/** Runs a lifespan: `start` once (concurrent callers share it), `stop` resumes the generator's cleanup. */
export class LifespanRunner<L> {
  readonly #lifespan: Lifespan<L> | undefined;
  #started: Promise<L> | undefined;
  /** The value once `start` resolved, so requests can read it without awaiting (one box: L may be undefined). */
  #value: { readonly value: L } | undefined;
  #generator: AsyncGenerator<L, void, void> | Generator<L, void, void> | undefined;

  constructor(lifespan: Lifespan<L> | undefined) {
    this.#lifespan = lifespan;
  }

  start(): Promise<L> {
    if (!this.#started) {
      const started = this.#run();
      this.#started = started;
      started.then(
        (value) => {
          if (this.#started === started) this.#value = { value };
        },
        () => undefined, // start()'s callers see the failure
      );
    }
    return this.#started;
  }

  /** The started value, boxed, once known: requests read it without awaiting (no microtask). */
  get known(): { readonly value: L } | undefined {
    return this.#value;
  }

  async stop(): Promise<void> {
    const started = this.#started;
    this.#started = undefined;
    this.#value = undefined;
    if (!started) return;
    await started.catch(() => undefined);
    const generator = this.#generator;
    this.#generator = undefined;
    await generator?.return(undefined);
  }

  async #run(): Promise<L> {
    const produced = this.#lifespan?.();
    if (isGenerator<L>(produced)) {
      this.#generator = produced;
      const first = await produced.next();
      if (first.done) throw new Error("The lifespan generator must yield its value once");
      return first.value;
    }
    return (await produced) as L;
  }
}

function isGenerator<L>(value: unknown): value is AsyncGenerator<L, void, void> | Generator<L, void, void> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { next?: unknown }).next === "function" &&
    (Symbol.asyncIterator in value || Symbol.iterator in value)
  );
}
