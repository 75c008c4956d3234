/*
 * The public face: a template is parsed and compiled once into an immutable object, so expanding
 * or matching on every request does no parsing and allocates only the result.
 */

import { expandParts, type UriTemplateValues } from "./expand.js";
import { isSafeValue } from "./guard.js";
import { compileMatcher, type Matcher } from "./match.js";
import { parseParts, type Part } from "./parse.js";
import { percentDecode } from "./percent.js";

/**
 * Default {@link UriMatchOptions.maxLength}: 8 KiB.
 *
 * @example
 * template.match(uri, { maxLength: 4 * DEFAULT_MAX_URI_LENGTH });
 */
export const DEFAULT_MAX_URI_LENGTH = 8192;

/** Options of {@link UriTemplate.match}. */
export interface UriMatchOptions {
  /**
   * Accept values holding a `..` segment, a NUL byte, or (non-reserved variables) a `/` or `\`
   * that arrived percent-encoded. Off by default: see {@link UriTemplate.match}. The guard is a
   * first line, not a sandbox: `{+path}` may still be absolute (`/etc/passwd`), so a handler
   * must still resolve paths inside its root.
   */
  readonly allowTraversal?: boolean;
  /** Longest URI considered, in UTF-16 code units; a longer one never matches. Default 8192. */
  readonly maxLength?: number;
}

/** A parsed RFC 6570 (levels 1-3) URI template. Immutable; make one with {@link parseUriTemplate}. */
export interface UriTemplate {
  /** The template text as given. */
  readonly template: string;
  /** Every variable name, in template order. */
  readonly variableNames: readonly string[];
  /**
   * Expands the template (RFC 6570 §3.2); undefined or missing variables are skipped.
   *
   * @example
   * parseUriTemplate("weather://{city}/current{?units}").expand({ city: "Paris" }); // "weather://Paris/current"
   */
  expand(values: UriTemplateValues): string;
  /**
   * The variables, percent-decoded, when `uri` is an expansion of this template; else undefined.
   * One pass, no backtracking, linear in the URI. Variables absent from the URI (an optional
   * `{?q}`, say) are absent from the result. How values are delimited:
   * - literals match exactly, percent-encoded as expansion writes them;
   * - a non-reserved value never holds `/`, `?`, `#`, its operator's separator, nor the first
   *   character of what follows (`{a}-{b}` reads `x-y-z` as `x` and `y-z`); `{x}` is non-empty;
   * - `{+x}` and `{#x}` may hold `/` and run to the last place where what follows fits
   *   (`{+path}/here`); `{+x}` stops at `?`/`#` when a later part needs them, and is non-empty;
   * - variables of one expression fill in order; `{;x}`, `{?x}`, `{&x}` pairs come in any order,
   *   each optional, and a name foreign to the template fails the match;
   * - expressions with nothing between them (`{a}{b}`) cannot be split: the first takes all.
   *
   * By default a value that could escape a directory is refused (a filesystem-backed
   * `file:///{+path}` must not serve `../../etc/passwd`): see {@link UriMatchOptions.allowTraversal}.
   * Malformed `%` encoding never matches.
   *
   * @example
   * parseUriTemplate("users://{id}/profile").match("users://42/profile"); // { id: "42" }
   */
  match(uri: string, options?: UriMatchOptions): Record<string, string> | undefined;
}

class ParsedUriTemplate implements UriTemplate {
  readonly template: string;
  readonly variableNames: readonly string[];
  readonly #parts: readonly Part[];
  readonly #matcher: Matcher;

  constructor(template: string) {
    const parts = parseParts(template);
    this.template = template;
    this.variableNames = Object.freeze(parts.flatMap((part) => (part.kind === "literal" ? [] : part.names)));
    this.#parts = parts;
    this.#matcher = compileMatcher(parts);
    Object.freeze(this);
  }

  expand(values: UriTemplateValues): string {
    return expandParts(this.#parts, values);
  }

  match(uri: string, options: UriMatchOptions = {}): Record<string, string> | undefined {
    const maxLength = options.maxLength ?? DEFAULT_MAX_URI_LENGTH;
    if (!Number.isSafeInteger(maxLength) || maxLength < 0) {
      throw new RangeError(`maxLength must be a non-negative integer, got ${maxLength}`);
    }
    if (uri.length > maxLength) return undefined;
    const captures = this.#matcher(uri);
    if (captures === undefined) return undefined;
    // No prototype: a variable may be named "__proto__" or "constructor".
    const values = Object.create(null) as Record<string, string>;
    for (const { name, raw, reserved } of captures) {
      const value = percentDecode(raw);
      if (value === undefined) return undefined;
      if (options.allowTraversal !== true && !isSafeValue(value, reserved)) return undefined;
      values[name] = value;
    }
    return values;
  }

  toString(): string {
    return this.template;
  }
}

/**
 * Parses an RFC 6570 template, levels 1-3: `{var}`, `{+var}`, `{#var}`, `{.var}`, `{/var}`,
 * `{;var}`, `{?var}`, `{&var}`, several variables per expression. Throws a TypeError naming the
 * problem for an invalid template, a level-4 modifier (`:n`, `*`), a repeated variable, or a
 * template over 1000 characters or 64 expressions.
 *
 * @example
 * const files = parseUriTemplate("file:///{+path}");
 * files.match("file:///docs/readme.md"); // { path: "docs/readme.md" }
 * files.match("file:///../etc/passwd"); // undefined
 */
export function parseUriTemplate(template: string): UriTemplate {
  return new ParsedUriTemplate(template);
}

/**
 * Whether `text` holds a `{...}` expression, i.e. is meant as a template rather than a fixed URI.
 * It does not validate: `parseUriTemplate` then reports a malformed one such as `{}`.
 *
 * @example
 * isTemplate("greeting://{name}"); // true
 * isTemplate("config://app"); // false
 */
export function isTemplate(text: string): boolean {
  const open = text.indexOf("{");
  return open !== -1 && text.indexOf("}", open + 1) !== -1;
}
