/*
 * Standard base64 (RFC 4648 §4) on web APIs only: no Buffer, no atob/btoa (they work on "binary
 * strings", which costs a copy per byte and a stack overflow with String.fromCharCode(...big)).
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 0x3d; // "="
const INVALID = 0xff;

/** Two output characters (high byte, low byte) for every 12-bit group: half the lookups of a 6-bit table. */
const PAIRS = new Uint16Array(4096);
/** The 6-bit value of every byte, INVALID for the rest. */
const VALUES = new Uint8Array(256).fill(INVALID);
for (let i = 0; i < 64; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
for (let i = 0; i < 4096; i++) PAIRS[i] = (ALPHABET.charCodeAt(i >> 6) << 8) | ALPHABET.charCodeAt(i & 63);

/** Input bytes encoded per step: a multiple of 3, so only the last chunk can need padding. */
const CHUNK_BYTES = 3 * 16 * 1024;
const scratch = new Uint8Array((CHUNK_BYTES / 3) * 4);
const ascii = new TextDecoder();

/**
 * Encodes bytes as standard, padded base64. Works in 48 KiB chunks turned into strings by
 * TextDecoder and joined once, so multi-megabyte payloads cost linear time and bounded scratch.
 *
 * @example
 * bytesToBase64(new TextEncoder().encode("hi")); // "aGk="
 */
export function bytesToBase64(bytes: Uint8Array): string {
  if (bytes.length <= CHUNK_BYTES) return encodeChunk(bytes, 0, bytes.length);
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    parts.push(encodeChunk(bytes, start, Math.min(start + CHUNK_BYTES, bytes.length)));
  }
  return parts.join("");
}

function encodeChunk(bytes: Uint8Array, start: number, end: number): string {
  let out = 0;
  let i = start;
  // Indexes below are in bounds by the loop conditions; the assertions only satisfy the compiler.
  for (; i + 2 < end; i += 3) {
    const group = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    const high = PAIRS[group >>> 12]!;
    const low = PAIRS[group & 0xfff]!;
    scratch[out] = high >>> 8;
    scratch[out + 1] = high & 0xff;
    scratch[out + 2] = low >>> 8;
    scratch[out + 3] = low & 0xff;
    out += 4;
  }
  const rest = end - i;
  if (rest > 0) {
    const group = (bytes[i]! << 16) | (rest === 2 ? bytes[i + 1]! << 8 : 0);
    const high = PAIRS[group >>> 12]!;
    scratch[out] = high >>> 8;
    scratch[out + 1] = high & 0xff;
    scratch[out + 2] = rest === 2 ? ALPHABET.charCodeAt((group >> 6) & 63) : PAD;
    scratch[out + 3] = PAD;
    out += 4;
  }
  return ascii.decode(scratch.subarray(0, out));
}

/**
 * Decodes standard base64 strictly: only `A-Z a-z 0-9 + /`, with `=` padding that may be omitted but
 * only at the end. Whitespace, base64url (`-`, `_`) and any other character throw a SyntaxError that
 * names the character and its index.
 *
 * @example
 * base64ToBytes("aGk="); // Uint8Array [104, 105]
 */
export function base64ToBytes(text: string): Uint8Array {
  const length = unpaddedLength(text);
  if (length % 4 === 1) {
    // A stray character is the likelier mistake, so name it rather than the length.
    const stray = firstInvalid(text, 0);
    throw stray < length
      ? invalidAt(text, stray)
      : new SyntaxError(`Invalid base64: ${length} characters cannot be base64`);
  }
  const bytes = new Uint8Array((length >> 2) * 3 + (((length & 3) * 3) >> 2));
  const whole = length - (length & 3);
  let out = 0;
  for (let start = 0; start < whole; start += CHUNK_CHARS) {
    out = decodeChunk(text, start, Math.min(start + CHUNK_CHARS, whole), bytes, out);
  }
  if (whole < length) decodeTail(text, whole, length, bytes.subarray(out));
  return bytes;
}

/** Characters decoded per step: TextEncoder copies them to bytes natively, far faster than charCodeAt. */
const CHUNK_CHARS = 64 * 1024;
const input = new Uint8Array(CHUNK_CHARS);
const utf8 = new TextEncoder();

function decodeChunk(text: string, start: number, end: number, bytes: Uint8Array, out: number): number {
  const { read, written } = utf8.encodeInto(text.slice(start, end), input);
  // Any non-ASCII character takes more than one byte, so the counts differ.
  if (read !== end - start || written !== read) throw invalidAt(text, start);
  for (let i = 0; i < written; i += 4) {
    const a = VALUES[input[i]!]!;
    const b = VALUES[input[i + 1]!]!;
    const c = VALUES[input[i + 2]!]!;
    const d = VALUES[input[i + 3]!]!;
    // INVALID (0xff) is the only value with either of the top two bits set.
    if (((a | b | c | d) & 0xc0) !== 0) throw invalidAt(text, start + i);
    bytes[out] = (a << 2) | (b >> 4);
    bytes[out + 1] = ((b & 15) << 4) | (c >> 2);
    bytes[out + 2] = ((c & 3) << 6) | d;
    out += 3;
  }
  return out;
}

/** Length without trailing padding; padding is checked to complete a 4-character group. */
function unpaddedLength(text: string): number {
  let length = text.length;
  if (length > 0 && text.charCodeAt(length - 1) === PAD) length--;
  if (length > 0 && text.charCodeAt(length - 1) === PAD) length--;
  if (length < text.length && text.length % 4 !== 0) {
    throw new SyntaxError(`Invalid base64: "=" padding at index ${length} does not end a 4-character group`);
  }
  return length;
}

function decodeTail(text: string, start: number, end: number, into: Uint8Array): void {
  let group = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 256 ? VALUES[code]! : INVALID;
    if (value === INVALID) throw invalidAt(text, i);
    group = (group << 6) | value;
  }
  if (end - start === 2) into[0] = group >> 4;
  else {
    into[0] = group >> 10;
    into[1] = (group >> 2) & 0xff;
  }
}

/** The index of the first character at or after `from` that is not in the alphabet, or the length. */
function firstInvalid(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code >= 256 || VALUES[code] === INVALID) break;
    i++;
  }
  return i;
}

/** The first offending character at or after `from`, described so that the caller can fix the input. */
function invalidAt(text: string, from: number): SyntaxError {
  const i = firstInvalid(text, from);
  const code = text.charCodeAt(i);
  const hint =
    code === PAD
      ? ' ("=" is only allowed as padding at the end)'
      : code === 0x2d || code === 0x5f
        ? " (base64url is not accepted: use + and /)"
        : /\s/.test(text.charAt(i))
          ? " (whitespace is not allowed)"
          : "";
  const shown = JSON.stringify(text.charAt(i));
  const unit = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return new SyntaxError(`Invalid base64: unexpected character ${shown} (${unit}) at index ${i}${hint}`);
}
