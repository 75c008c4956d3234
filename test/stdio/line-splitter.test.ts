import { describe, expect, it } from "vitest";
import { createLineSplitter } from "../../src/util/line-splitter.js";

function collect(maxLineBytes = 1024) {
  const lines: string[] = [];
  let overflows = 0;
  const splitter = createLineSplitter({
    maxLineBytes,
    onLine: (line) => lines.push(line),
    onOverflow: () => overflows++,
  });
  return { splitter, lines, overflows: () => overflows };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("createLineSplitter", { timeout: 5000 }, () => {
  it("joins a line split across chunks", () => {
    const { splitter, lines } = collect();
    splitter.push(bytes('{"a"'));
    splitter.push(bytes(":1}\n{"));
    splitter.push(bytes('"b":2}\n'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("decodes a UTF-8 character split at every possible byte", () => {
    const text = "héllo € 𝄞 done";
    const encoded = bytes(`${text}\n`);
    for (let cut = 1; cut < encoded.length; cut++) {
      const { splitter, lines } = collect();
      splitter.push(encoded.subarray(0, cut));
      splitter.push(encoded.subarray(cut));
      expect(lines).toEqual([text]);
    }
  });

  it("strips a trailing CR but keeps one inside the line", () => {
    const { splitter, lines } = collect();
    splitter.push(bytes("a\r\nb\rc\r\n"));
    expect(lines).toEqual(["a", "b\rc"]);
  });

  it("strips a CR that arrives in its own chunk", () => {
    const { splitter, lines } = collect();
    splitter.push(bytes("abc\r"));
    splitter.push(bytes("\n"));
    expect(lines).toEqual(["abc"]);
  });

  it("skips empty lines", () => {
    const { splitter, lines } = collect();
    splitter.push(bytes("\n\n\r\na\n\n\r\nb\n"));
    expect(lines).toEqual(["a", "b"]);
  });

  it("accepts string chunks", () => {
    const { splitter, lines } = collect();
    splitter.push("x€");
    splitter.push("y\nz\n");
    expect(lines).toEqual(["x€y", "z"]);
  });

  it("accepts a line of exactly maxLineBytes", () => {
    const { splitter, lines, overflows } = collect(4);
    splitter.push(bytes("ab"));
    splitter.push(bytes("cd\n"));
    expect(lines).toEqual(["abcd"]);
    expect(overflows()).toBe(0);
  });

  it("reports an over-long line once, discards it, and recovers at the next newline", () => {
    const { splitter, lines, overflows } = collect(8);
    splitter.push(bytes("ok1\n1234567"));
    splitter.push(bytes("89ab"));
    splitter.push(bytes("cdef"));
    expect(overflows()).toBe(1);
    splitter.push(bytes("ghij\nok2\n"));
    expect(lines).toEqual(["ok1", "ok2"]);
    expect(overflows()).toBe(1);
  });

  it("reports an over-long line that arrives in one chunk", () => {
    const { splitter, lines, overflows } = collect(8);
    splitter.push(bytes("123456789\nshort\n"));
    expect(overflows()).toBe(1);
    expect(lines).toEqual(["short"]);
  });

  it("delivers a final line without newline at end(), but not the rest of an over-long one", () => {
    const first = collect(8);
    first.splitter.push(bytes("a\ntail"));
    first.splitter.end();
    expect(first.lines).toEqual(["a", "tail"]);

    const second = collect(4);
    second.splitter.push(bytes("toolong"));
    second.splitter.end();
    second.splitter.push(bytes("next\n"));
    expect(second.lines).toEqual(["next"]);
    expect(second.overflows()).toBe(1);
  });

  it("handles one large line fed one byte at a time in linear time", () => {
    const { splitter, lines } = collect(1 << 20);
    const line = "x".repeat(500_000);
    const encoded = bytes(`${line}\n`);
    const started = performance.now();
    for (let i = 0; i < encoded.length; i++) splitter.push(encoded.subarray(i, i + 1));
    expect(lines).toEqual([line]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("handles many small lines in many tiny chunks", () => {
    const { splitter, lines } = collect();
    const expected = Array.from({ length: 5000 }, (_, i) => `{"id":${i}}`);
    const encoded = bytes(expected.map((line) => `${line}\n`).join(""));
    for (let i = 0; i < encoded.length; i += 3) splitter.push(encoded.subarray(i, i + 3));
    expect(lines).toEqual(expected);
  });

  it("rejects a cap that is not a positive integer", () => {
    const options = { onLine: () => {}, onOverflow: () => {} };
    expect(() => createLineSplitter({ ...options, maxLineBytes: 0 })).toThrow(RangeError);
    expect(() => createLineSplitter({ ...options, maxLineBytes: 1.5 })).toThrow(RangeError);
  });
});
