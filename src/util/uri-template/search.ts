/*
 * Scans the matcher uses. Each visits a character at most a bounded number of times (no regex, no
 * backtracking), so matching stays linear in the URI however the URI is crafted.
 */

/**
 * Index of the first character at or after `from` that is one of `stops`, or `text.length`.
 *
 * @example
 * scanUntil("42/profile", 0, "/?#"); // 2
 */
export function scanUntil(text: string, from: number, stops: string): number {
  let i = from;
  while (i < text.length && !stops.includes(text[i] ?? "")) i++;
  return i;
}

/** A literal prepared for {@link lastIndexOfPattern}: the text and its backward failure table. */
export interface Pattern {
  readonly text: string;
  readonly failure: Int32Array;
}

/**
 * Prepares `text` (non-empty) for a backward Knuth-Morris-Pratt search: `failure[k]` is the longest
 * proper border of the last `k + 1` characters, read from the end.
 *
 * @example
 * const pattern = toPattern("/here");
 */
export function toPattern(text: string): Pattern {
  const m = text.length;
  const at = (k: number): number => text.charCodeAt(m - 1 - k); // the pattern read backwards
  const failure = new Int32Array(m);
  let k = 0;
  for (let i = 1; i < m; i++) {
    while (k > 0 && at(i) !== at(k)) k = failure[k - 1] ?? 0;
    if (at(i) === at(k)) k++;
    failure[i] = k;
  }
  return { text, failure };
}

/**
 * The largest start `s` in `[from, to]` where `pattern` occurs in `text`, or -1. Linear in
 * `to - from + pattern length`, unlike a naive search, which is quadratic on crafted input.
 *
 * @example
 * lastIndexOfPattern("/a/here/b/here", toPattern("/here"), 0, 14); // 9
 */
export function lastIndexOfPattern(text: string, pattern: Pattern, from: number, to: number): number {
  const { text: needle, failure } = pattern;
  const m = needle.length;
  let k = 0; // characters of the needle matched so far, from its end
  for (let i = Math.min(text.length, to + m) - 1; i >= from; i--) {
    const code = text.charCodeAt(i);
    while (k > 0 && code !== needle.charCodeAt(m - 1 - k)) k = failure[k - 1] ?? 0;
    if (code === needle.charCodeAt(m - 1 - k)) k++;
    if (k === m) return i;
  }
  return -1;
}
