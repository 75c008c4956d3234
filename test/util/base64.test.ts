import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64 } from "../../src/util/base64.js";

const nodeBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64");
const random = (length: number): Uint8Array => new Uint8Array(randomBytes(length));

/** Lengths around every remainder mod 3 and around the 48 KiB encoder and 64 Ki-character decoder chunks. */
const LENGTHS = [
  ...Array.from({ length: 40 }, (_, i) => i),
  255,
  256,
  257,
  1000,
  3 * 16 * 1024 - 1,
  3 * 16 * 1024,
  3 * 16 * 1024 + 1,
  49_151,
  49_152,
  49_153,
  3 * 16 * 1024 * 2 + 2,
  200_001,
];

describe("bytesToBase64 / base64ToBytes", { timeout: 10_000 }, () => {
  it("matches Buffer on random data of many lengths, both ways", () => {
    for (const length of LENGTHS) {
      const bytes = random(length);
      const expected = nodeBase64(bytes);
      expect(bytesToBase64(bytes), `length ${length}`).toBe(expected);
      expect(base64ToBytes(expected), `length ${length}`).toEqual(bytes);
    }
  });

  it("encodes the RFC 4648 test vectors", () => {
    const vectors = {
      "": "",
      f: "Zg==",
      fo: "Zm8=",
      foo: "Zm9v",
      foob: "Zm9vYg==",
      fooba: "Zm9vYmE=",
      foobar: "Zm9vYmFy",
    };
    for (const [plain, encoded] of Object.entries(vectors)) {
      expect(bytesToBase64(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base64ToBytes(encoded))).toBe(plain);
    }
  });

  it("encodes a subarray view, not its whole buffer", () => {
    const whole = random(100);
    const view = whole.subarray(7, 50);
    expect(bytesToBase64(view)).toBe(nodeBase64(view));
  });

  it("accepts missing padding", () => {
    expect(base64ToBytes("Zg")).toEqual(new Uint8Array([0x66]));
    expect(base64ToBytes("Zm8")).toEqual(new Uint8Array([0x66, 0x6f]));
  });

  it("round-trips 10 MB and reports the speed", () => {
    const bytes = random(10 * 1024 * 1024);
    const start = performance.now();
    const text = bytesToBase64(bytes);
    const encoded = performance.now();
    const back = base64ToBytes(text);
    const decoded = performance.now();
    expect(text).toBe(nodeBase64(bytes));
    expect(Buffer.compare(back, bytes)).toBe(0);
    console.info(
      `base64 10 MiB: encode ${(encoded - start).toFixed(1)} ms, decode ${(decoded - encoded).toFixed(1)} ms`,
    );
    // Generous bound: a quadratic or per-byte-string implementation takes seconds.
    expect(decoded - start).toBeLessThan(3000);
  });

  it.each([
    ["a character outside the alphabet", "Zm9v!mFy", /unexpected character "!" \(U\+0021\) at index 4/],
    ["base64url", "Zm9v-_Fy", /"-" \(U\+002D\) at index 4 \(base64url is not accepted/],
    ["whitespace", "Zm9v\nYmFy", /"\\n" \(U\+000A\) at index 4 \(whitespace is not allowed\)/],
    ["padding in the middle", "Zg==Zm8=", /"=" \(U\+003D\) at index 2 \("=" is only allowed as padding/],
    ["a non-ASCII character", "Zm9vYmé=", /"é" \(U\+00E9\) at index 6/],
    ["an emoji", "Zm9v😀Fy", /U\+D83D\) at index 4/],
    ["a length of 4n+1", "Zm9vY", /5 characters cannot be base64/],
    ["a stray padding character", "Zm9=Y", /"=" \(U\+003D\) at index 3/],
    [
      "padding that does not end a group",
      "Zm9vZg=",
      /"=" padding at index 6 does not end a 4-character group/,
    ],
    ["three padding characters", "Z===", /"=" .* at index 1/],
    ["a bad character in the tail", "Zm9vY!", /"!" .* at index 5/],
  ])("rejects %s with a SyntaxError naming it", (_, text, message) => {
    expect(() => base64ToBytes(text)).toThrow(SyntaxError);
    expect(() => base64ToBytes(text)).toThrow(message);
  });

  it("finds a bad character far into a large input", () => {
    const text = nodeBase64(random(300_000));
    const broken = `${text.slice(0, 250_001)}*${text.slice(250_002)}`;
    expect(() => base64ToBytes(broken)).toThrow(/"\*" \(U\+002A\) at index 250001/);
  });
});
