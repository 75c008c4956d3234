/*
 * The matcher: one left-to-right walk over the template's parts. Each part decides where it ends
 * from the characters it may not contain and from what follows it, and nothing is ever retried,
 * so no URI can make it backtrack. Ambiguous templates get one reading (UriTemplate.match), not a
 * search. Cost: one forward read of the URI, plus at most two more per `{+x}`/`{#x}` expression.
 */

import type { ExpressionPart, Operator, Part } from "./parse.js";
import { lastIndexOfPattern, scanUntil, toPattern, type Pattern } from "./search.js";

/** One captured value, still percent-encoded; the caller decodes and guards it. */
export interface Capture {
  readonly name: string;
  readonly raw: string;
  /** Captured by `{+var}` or `{#var}`, whose values may hold `/`. */
  readonly reserved: boolean;
}

/** Matches a whole URI, returning the captures in template order, or undefined. */
export type Matcher = (uri: string) => Capture[] | undefined;

/** Characters a non-reserved value never holds: `/?#` and its operator's separators. */
const PIECE_STOPS: Readonly<Record<Operator, string>> = {
  "": ",/?#",
  "+": "",
  "#": "",
  ".": "./?#",
  "/": "/?#",
  ";": ";/?#",
  "?": "&/?#",
  "&": "&/?#",
};

interface ExpressionStep {
  readonly kind: "expression";
  readonly part: ExpressionPart;
  /** Non-reserved values end at one of these: PIECE_STOPS plus the next part's first character. */
  readonly stops: string;
  /** `{+var}` only: "?#" or "#" when a later part needs that delimiter, so the value stops there. */
  readonly limitAt: string;
  /** Reserved values end at the last occurrence of this, the text of the next part. */
  readonly follow: Follow | undefined;
}

interface Follow {
  readonly pattern: Pattern;
  /** A following literal must be present; a following prefixed expression may be absent. */
  readonly required: boolean;
}

type Step = ExpressionStep | { readonly kind: "literal"; readonly text: string };

/**
 * Prepares a matcher for parsed parts; all per-template work (stops, search tables) happens here.
 *
 * @example
 * compileMatcher(parseParts("users://{id}/profile"))("users://42/profile"); // [{ name: "id", raw: "42", ... }]
 */
export function compileMatcher(parts: readonly Part[]): Matcher {
  const steps = parts.map((part, i): Step => {
    return part.kind === "literal" ? part : compileExpression(part, parts.slice(i + 1));
  });
  return (uri) => walk(steps, uri);
}

function compileExpression(part: ExpressionPart, rest: readonly Part[]): ExpressionStep {
  const next = rest[0];
  const lead = next === undefined ? "" : next.kind === "literal" ? next.text : next.spec.first;
  return {
    kind: "expression",
    part,
    stops: PIECE_STOPS[part.operator] + lead.slice(0, 1),
    limitAt: part.operator === "+" ? laterDelimiters(rest) : "",
    follow: lead === "" ? undefined : { pattern: toPattern(lead), required: next?.kind === "literal" },
  };
}

function laterDelimiters(rest: readonly Part[]): string {
  const needs = (char: string): boolean =>
    rest.some((part) => (part.kind === "literal" ? part.text.includes(char) : part.operator === char));
  return needs("?") ? "?#" : needs("#") ? "#" : "";
}

function walk(steps: readonly Step[], uri: string): Capture[] | undefined {
  const captures: Capture[] = [];
  let at = 0;
  for (const step of steps) {
    const next =
      step.kind === "literal"
        ? uri.startsWith(step.text, at)
          ? at + step.text.length
          : undefined
        : matchExpression(step, uri, at, captures);
    if (next === undefined) return undefined;
    at = next;
  }
  return at === uri.length ? captures : undefined;
}

/** Returns where the expression ends (== `at` when it expanded to nothing), or undefined. */
function matchExpression(step: ExpressionStep, uri: string, at: number, out: Capture[]): number | undefined {
  switch (step.part.operator) {
    case "+":
      return matchReserved(step, uri, at, out);
    case "#":
      return uri[at] === "#" ? matchReserved(step, uri, at + 1, out) : at;
    case ";":
    case "?":
    case "&":
      return matchNamed(step, uri, at, out);
    default:
      return matchPositional(step, uri, at, out);
  }
}

/** `{x,y}`, `{.x,y}`, `{/x,y}`: values fill the variables in order, each after its prefix. */
function matchPositional(step: ExpressionStep, uri: string, at: number, out: Capture[]): number | undefined {
  const { names, spec } = step.part;
  let q = at;
  for (const [i, name] of names.entries()) {
    const lead = i === 0 ? spec.first : spec.sep;
    if (lead !== "") {
      if (uri[q] !== lead) break;
      q++;
    }
    const end = scanUntil(uri, q, step.stops);
    if (lead === "" && end === q) return undefined; // `{x}` must capture something
    out.push({ name, raw: uri.slice(q, end), reserved: false });
    q = end;
  }
  return q;
}

/** `{;x,y}`, `{?x,y}`, `{&x,y}`: pairs in any order, each optional; a foreign name ends the list. */
function matchNamed(step: ExpressionStep, uri: string, at: number, out: Capture[]): number {
  const { names, spec } = step.part;
  const taken = new Set<string>();
  let q = at;
  while (taken.size < names.length) {
    if (uri[q] !== (taken.size === 0 ? spec.first : spec.sep)) break;
    const name = names.find((candidate) => !taken.has(candidate) && isNameAt(uri, q + 1, candidate, step));
    if (name === undefined) break;
    taken.add(name);
    q += 1 + name.length;
    let raw = ""; // `;x` and a bare `?x` mean the empty value
    if (uri[q] === "=") {
      const end = scanUntil(uri, q + 1, step.stops);
      raw = uri.slice(q + 1, end);
      q = end;
    }
    out.push({ name, raw, reserved: false });
  }
  return q;
}

function isNameAt(uri: string, at: number, name: string, step: ExpressionStep): boolean {
  if (!uri.startsWith(name, at)) return false;
  const after = uri[at + name.length];
  return after === undefined || after === "=" || step.stops.includes(after);
}

/** `{+x}` (non-empty) and `{#x}`: the value runs to the last place where what follows fits. */
function matchReserved(step: ExpressionStep, uri: string, from: number, out: Capture[]): number | undefined {
  const limit = step.limitAt === "" ? uri.length : scanUntil(uri, from, step.limitAt);
  let end: number | undefined = limit;
  if (step.follow !== undefined) {
    const found = lastIndexOfPattern(uri, step.follow.pattern, from, limit);
    end = found !== -1 ? found : step.follow.required ? undefined : limit;
  }
  if (end === undefined || (step.part.operator === "+" && end === from)) return undefined;
  splitReserved(step.part.names, uri.slice(from, end), out);
  return end;
}

/** Reserved values are split at commas in order; the last variable keeps any further commas. */
function splitReserved(names: readonly string[], region: string, out: Capture[]): void {
  let start = 0;
  for (const [i, name] of names.entries()) {
    const comma = i === names.length - 1 ? -1 : region.indexOf(",", start);
    out.push({ name, raw: region.slice(start, comma === -1 ? region.length : comma), reserved: true });
    if (comma === -1) return;
    start = comma + 1;
  }
}
