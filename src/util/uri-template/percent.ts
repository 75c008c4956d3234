/*
 * Percent-encoding as RFC 6570 §3.2.1 defines it: unreserved characters always pass, reserved ones
 * and existing `%XX` triplets pass only for `+`, `#` and literals, everything else is UTF-8 encoded.
 */

const UNRESERVED = 1;
const RESERVED = 2;
const PERCENT = 0x25;
const HEX = "0123456789ABCDEF";

/** Class of each ASCII code: 0 must be encoded, else UNRESERVED or RESERVED. */
const ASCII_CLASS = new Uint8Array(128);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~") {
  ASCII_CLASS[char.charCodeAt(0)] = UNRESERVED;
}
for (const char of ":/?#[]@!$&'()*+,;=") ASCII_CLASS[char.charCodeAt(0)] = RESERVED;

const encoder = new TextEncoder();

/**
 * Percent-encodes `value` for an expansion. With `allowReserved` (operators `+`, `#`), reserved
 * characters and well-formed `%XX` triplets are kept; a lone surrogate is encoded as U+FFFD.
 *
 * @example
 * percentEncode("Hello World!", false); // "Hello%20World%21"
 * percentEncode("50%/a", true); // "50%25/a"
 */
export function percentEncode(value: string, allowReserved: boolean): string {
  let out = "";
  let kept = 0; // start of the run of characters copied unchanged
  for (let i = 0; i < value.length;) {
    const code = value.charCodeAt(i);
    if (code < 128 && isKept(code, allowReserved)) {
      i++;
      continue;
    }
    if (allowReserved && code === PERCENT && isHexAt(value, i + 1) && isHexAt(value, i + 2)) {
      i += 3;
      continue;
    }
    out += value.slice(kept, i);
    if (code < 128) {
      out += triplet(code);
      i++;
    } else {
      let end = i + 1;
      while (end < value.length && value.charCodeAt(end) >= 128) end++;
      for (const byte of encoder.encode(value.slice(i, end))) out += triplet(byte);
      i = end;
    }
    kept = i;
  }
  return kept === 0 ? value : out + value.slice(kept);
}

/**
 * Decodes `%XX` triplets as UTF-8, or returns undefined when they are malformed (a stray `%`,
 * bad hex, overlong or otherwise invalid UTF-8), so a bad URI never half-decodes.
 *
 * @example
 * percentDecode("me%2Ftoo"); // "me/too"
 * percentDecode("50%"); // undefined
 */
export function percentDecode(text: string): string | undefined {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function isKept(code: number, allowReserved: boolean): boolean {
  const kind = ASCII_CLASS[code];
  return kind === UNRESERVED || (allowReserved && kind === RESERVED);
}

function isHexAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index); // NaN past the end fails every comparison
  return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66);
}

const triplet = (byte: number): string => `%${HEX[byte >> 4] ?? ""}${HEX[byte & 15] ?? ""}`;
