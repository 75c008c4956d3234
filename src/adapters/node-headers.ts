import type { IncomingHttpHeaders } from "node:http";

/**
 * A request's headers as a read-only web `Headers`, over the object Node already parsed. Making
 * an undici Headers copies and validates every header, and its `get` is slower than a property
 * read; the MCP handler reads a dozen headers per request. Like a Request's headers, it refuses
 * changes. Values of a repeated header are joined with ", " (`set-cookie` stays separate).
 */
export class NodeHeaders implements Headers {
  readonly #raw: IncomingHttpHeaders;

  constructor(raw: IncomingHttpHeaders) {
    this.#raw = raw;
  }

  get(name: string): string | null {
    // Names are nearly always asked for in lower case: try that before lower-casing.
    const value: unknown = this.#raw[name] ?? this.#raw[name.toLowerCase()];
    if (typeof value === "string") return value;
    // Only strings and arrays are headers: the object's prototype ("constructor") is not one.
    return Array.isArray(value) ? value.join(", ") : null;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  getSetCookie(): string[] {
    const cookies = this.#raw["set-cookie"];
    return cookies === undefined ? [] : [...cookies];
  }

  forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [name, value] of this.entries()) callback.call(thisArg, value, name, this);
  }

  *entries(): HeadersIterator<[string, string]> {
    for (const name of Object.keys(this.#raw).sort()) {
      if (name.charCodeAt(0) === 58 /* ":" HTTP/2 pseudo headers are no headers */) continue;
      const value = this.#raw[name];
      if (value === undefined) continue;
      if (name === "set-cookie" && Array.isArray(value)) for (const cookie of value) yield [name, cookie];
      else yield [name, typeof value === "string" ? value : value.join(", ")];
    }
  }

  *keys(): HeadersIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): HeadersIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.entries();
  }

  append(_name: string, _value: string): void {
    throw new TypeError("Request headers are immutable");
  }

  delete(_name: string): void {
    throw new TypeError("Request headers are immutable");
  }

  set(_name: string, _value: string): void {
    throw new TypeError("Request headers are immutable");
  }
}
