import { describe, expect, it } from "vitest";
import {
  audio,
  file,
  image,
  isBinaryContent,
  isContentBlock,
  text,
  toContentBlocks,
} from "../../../src/server/content/index.js";
import { PNG, wav } from "../../fixtures/content/samples.js";

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
const PNG_BLOCK = { type: "image", data: b64(PNG), mimeType: "image/png" };

/** A binary whose resolve() takes `ms`, to show that order does not follow completion. */
function slowImage(ms: number): ReturnType<typeof image> {
  const descriptor = image(PNG, { _meta: { ms } });
  const resolve = descriptor.resolve.bind(descriptor);
  descriptor.resolve = () => new Promise((done) => setTimeout(() => done(resolve()), ms));
  return descriptor;
}

describe("toContentBlocks", { timeout: 5000 }, () => {
  it("turns undefined and null into no content", async () => {
    expect(await toContentBlocks(undefined)).toEqual([]);
    expect(await toContentBlocks(null)).toEqual([]);
  });

  it("turns a string into one text block, even an empty one", async () => {
    expect(await toContentBlocks("done")).toEqual([{ type: "text", text: "done" }]);
    expect(await toContentBlocks("")).toEqual([{ type: "text", text: "" }]);
  });

  it("keeps a valid content block as it is", async () => {
    const blocks = [
      text("hi", { annotations: { priority: 1 } }),
      { type: "image", data: "AA==", mimeType: "image/png" },
      { type: "audio", data: "AA==", mimeType: "audio/wav", _meta: { x: 1 } },
      { type: "resource_link", uri: "file:///a.txt", name: "a.txt" },
      { type: "resource", resource: { uri: "memo://1", text: "note" } },
      { type: "resource", resource: { uri: "memo://2", blob: "AA==" } },
    ];
    for (const block of blocks) {
      const [converted] = await toContentBlocks(block);
      expect(converted).toBe(block);
    }
  });

  it("serialises lookalikes that miss a required field as JSON", async () => {
    const lookalikes = [
      { type: "text", value: "hi" },
      { type: "image", data: "AA==" },
      { type: "audio", data: 5, mimeType: "audio/wav" },
      { type: "resource_link", uri: "file:///a" },
      { type: "resource", resource: { uri: "memo://1" } },
      { type: "video", data: "AA==", mimeType: "video/mp4" },
      { type: "toString", text: "x" },
    ];
    for (const value of lookalikes) {
      expect(isContentBlock(value), JSON.stringify(value)).toBe(false);
      expect(await toContentBlocks(value)).toEqual([{ type: "text", text: JSON.stringify(value) }]);
    }
  });

  it("resolves image(), audio() and file()", async () => {
    expect(await toContentBlocks(image(PNG))).toEqual([PNG_BLOCK]);
    expect(await toContentBlocks(audio(wav()))).toEqual([
      { type: "audio", data: b64(wav()), mimeType: "audio/wav" },
    ]);
    expect(await toContentBlocks(file(PNG, { name: "p.png" }))).toEqual([
      { type: "resource", resource: { uri: "file:///p.png", mimeType: "image/png", blob: b64(PNG) } },
    ]);
  });

  it("converts arrays of content element by element, in order, flattening nested arrays", async () => {
    const link = { type: "resource_link", uri: "file:///a", name: "a" };
    const blocks = await toContentBlocks(["Total:", 42, link, null, [link, ["deep"]], { ok: 1 }]);
    expect(blocks).toEqual([
      { type: "text", text: "Total:" },
      { type: "text", text: "42" },
      link,
      link,
      { type: "text", text: "deep" },
      { type: "text", text: '{"ok":1}' },
    ]);
    expect(await toContentBlocks(["a", "b"])).toEqual([
      { type: "text", text: "a" },
      { type: "text", text: "b" },
    ]);
    expect(await toContentBlocks([])).toEqual([]);
  });

  it("sends a list of plain data as one JSON value", async () => {
    expect(await toContentBlocks([1, 2, 3])).toEqual([{ type: "text", text: "[1,2,3]" }]);
    expect(await toContentBlocks([{ id: 1 }, "x"])).toEqual([{ type: "text", text: '[{"id":1},"x"]' }]);
  });

  it("resolves binaries concurrently but keeps their order", async () => {
    const started = performance.now();
    const blocks = await toContentBlocks([slowImage(200), "middle", slowImage(10), [slowImage(190)]]);
    expect(blocks.map((block) => (block.type === "text" ? block.text : block._meta?.ms))).toEqual([
      200,
      "middle",
      10,
      190,
    ]);
    // One after another would take 400 ms.
    expect(performance.now() - started).toBeLessThan(350);
  });

  it("leaves no unhandled rejection when a later element throws synchronously", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      await expect(toContentBlocks([image({ path: "/does/not/exist.png" }), circular])).rejects.toThrow(
        /circular/,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("rejects when one binary of an array fails", async () => {
    await expect(toContentBlocks(["a", image({ base64: "!!" })])).rejects.toThrow(/base64 source is invalid/);
  });

  it("serialises other values as compact JSON", async () => {
    class Money {
      constructor(readonly cents: number) {}
      toJSON(): string {
        return `$${(this.cents / 100).toFixed(2)}`;
      }
    }
    const cases: [unknown, string][] = [
      [42, "42"],
      [0, "0"],
      [false, "false"],
      [{ a: 1, b: [1, 2], c: { d: "x" } }, '{"a":1,"b":[1,2],"c":{"d":"x"}}'],
      [new Date("2025-01-02T03:04:05.000Z"), '"2025-01-02T03:04:05.000Z"'],
      [new Money(1250), '"$12.50"'],
      [{ id: 10n ** 20n }, '{"id":"100000000000000000000"}'],
      [12n, '"12"'],
      [new Map([["k", new Set([1, 2])]]), '{"k":[1,2]}'],
      [{ skip: undefined, keep: null }, '{"keep":null}'],
    ];
    for (const [value, json] of cases)
      expect(await toContentBlocks(value)).toEqual([{ type: "text", text: json }]);
  });

  it("explains a circular value", async () => {
    const node: Record<string, unknown> = { name: "a" };
    node.self = node;
    await expect(toContentBlocks(node)).rejects.toThrow(
      "toContentBlocks: the tool result cannot be serialised as JSON: it contains a circular reference",
    );
    await expect(toContentBlocks([1, { list: [node] }])).rejects.toThrow(TypeError);
  });

  it("refuses values with no JSON, raw bytes and binaries nested in objects", async () => {
    await expect(toContentBlocks(() => 1)).rejects.toThrow(
      "toContentBlocks: a function cannot be a tool result",
    );
    await expect(toContentBlocks(Symbol("s"))).rejects.toThrow("a symbol cannot be a tool result");
    for (const bytes of [PNG, PNG.buffer, new Blob([PNG])]) {
      await expect(toContentBlocks(bytes)).rejects.toThrow(
        /raw bytes cannot be a tool result; return image\(bytes\)/,
      );
    }
    await expect(toContentBlocks({ chart: image(PNG) })).rejects.toThrow(
      'image() was found inside an object (at "chart"); return it directly or in an array',
    );
  });
});

describe("isContentBlock / isBinaryContent", () => {
  it("narrows", () => {
    expect(isContentBlock(text("x"))).toBe(true);
    expect(isContentBlock("x")).toBe(false);
    expect(isContentBlock(null)).toBe(false);
    expect(isContentBlock([text("x")])).toBe(false);
    expect(isBinaryContent(image(PNG))).toBe(true);
    expect(isBinaryContent(text("x"))).toBe(false);
  });
});
