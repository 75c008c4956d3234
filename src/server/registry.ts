/**
 * An ordered set of named entries (tools, resources, prompts) that may be enabled, disabled,
 * replaced or removed at run time. Every change bumps `version` (list caches key on it) and
 * calls `onChange` so list_changed notifications go out.
 */
export class Registry<E> {
  readonly #kind: string;
  readonly #entries = new Map<string, E>();
  readonly #disabled = new Set<string>();
  readonly #onChange: () => void;
  #version = 0;
  #enabledList: E[] | undefined;

  constructor(kind: string, onChange: () => void) {
    this.#kind = kind;
    this.#onChange = onChange;
  }

  get version(): number {
    return this.#version;
  }

  add(key: string, entry: E, enabled = true): void {
    if (this.#entries.has(key)) throw new TypeError(`A ${this.#kind} named "${key}" is already registered`);
    this.#entries.set(key, entry);
    if (!enabled) this.#disabled.add(key);
    this.#changed();
  }

  /** Replaces an entry in place (keeps its position and enabled state). */
  replace(key: string, entry: E): void {
    if (!this.#entries.has(key)) throw new TypeError(`No ${this.#kind} named "${key}" is registered`);
    this.#entries.set(key, entry);
    this.#changed();
  }

  remove(key: string): boolean {
    const removed = this.#entries.delete(key);
    this.#disabled.delete(key);
    if (removed) this.#changed();
    return removed;
  }

  setEnabled(key: string, enabled: boolean): void {
    if (!this.#entries.has(key)) throw new TypeError(`No ${this.#kind} named "${key}" is registered`);
    if (enabled === !this.#disabled.has(key)) return;
    if (enabled) this.#disabled.delete(key);
    else this.#disabled.add(key);
    this.#changed();
  }

  /** The enabled entry for `key`, if any. */
  get(key: string): E | undefined {
    return this.#disabled.has(key) ? undefined : this.#entries.get(key);
  }

  /** Every enabled entry, in registration order (deterministic lists, as 2026-07-28 asks). */
  enabled(): readonly E[] {
    this.#enabledList ??= [...this.#entries]
      .filter(([key]) => !this.#disabled.has(key))
      .map(([, entry]) => entry);
    return this.#enabledList;
  }

  /** Every entry, enabled or not, in registration order. */
  all(): IterableIterator<E> {
    return this.#entries.values();
  }

  get size(): number {
    return this.#entries.size;
  }

  #changed(): void {
    this.#version++;
    this.#enabledList = undefined;
    this.#onChange();
  }
}

/** What registering a tool, resource or prompt returns: its run-time switches. */
export interface RegisteredHandle {
  readonly name: string;
  enable(): void;
  disable(): void;
  remove(): void;
}

export function handleFor<E>(registry: Registry<E>, key: string): RegisteredHandle {
  return new EntryHandle(registry, key);
}

/**
 * One small object per registration (registering 1,000 tools made 4,000 closures before): each
 * switch is a getter returning a bound function, so `const { remove } = handle` still works.
 */
class EntryHandle<E> implements RegisteredHandle {
  readonly name: string;
  readonly #registry: Registry<E>;

  constructor(registry: Registry<E>, name: string) {
    this.#registry = registry;
    this.name = name;
  }

  get enable(): () => void {
    return () => this.#registry.setEnabled(this.name, true);
  }

  get disable(): () => void {
    return () => this.#registry.setEnabled(this.name, false);
  }

  get remove(): () => void {
    return () => void this.#registry.remove(this.name);
  }
}
