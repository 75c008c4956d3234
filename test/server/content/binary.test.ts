import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BinaryContent, audio, file, image, isBinaryContent } from "../../../src/server/content/index.js";
import { PNG, wav } from "../../fixtures/content/samples.js";

const FIXTURES = new URL("../../fixtures/content/", import.meta.url);
const fixture = (name: string): string => fileURLToPath(new URL(name, FIXTURES));
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
const PNG_BLOCK = { type: "image", data: b64(PNG), mimeType: "image/png" };
const WAV = wav();

describe("image() / audio() / file() sources", { timeout: 5000 }, () => {
  it("reads nothing when made: a missing path fails only on resolve", async () => {
    const descriptor = image({ path: fixture("does-not-exist.png") });
    expect(isBinaryContent(descriptor)).toBe(true);
    expect(descriptor.kind).toBe("image");
    await expect(descriptor.resolve()).rejects.toThrow(
      /image\(\): cannot read .*does-not-exist\.png: ENOENT/,
    );
  });

  it("takes a Uint8Array, an ArrayBuffer and a Node Buffer", async () => {
    expect(await image(PNG).resolve()).toEqual(PNG_BLOCK);
    expect(await image(PNG.slice().buffer).resolve()).toEqual(PNG_BLOCK);
    expect(await image(Buffer.from(PNG)).resolve()).toEqual(PNG_BLOCK);
    expect(await audio(WAV).resolve()).toEqual({ type: "audio", data: b64(WAV), mimeType: "audio/wav" });
  });

  it("encodes a subarray view, not its whole buffer", async () => {
    const padded = new Uint8Array(PNG.length + 10);
    padded.set(PNG, 5);
    expect(await image(padded.subarray(5, 5 + PNG.length)).resolve()).toEqual(PNG_BLOCK);
  });

  it("takes a Blob, using its type, and a File, using its name", async () => {
    const unknown = new Uint8Array([9, 9, 9]);
    expect(await image(new Blob([unknown], { type: "image/x-raw" })).resolve()).toMatchObject({
      mimeType: "image/x-raw",
    });
    expect(await image(new Blob([PNG])).resolve()).toEqual(PNG_BLOCK);
    const report = new File(["a,b\n"], "report.csv");
    expect(await file(report).resolve()).toEqual({
      type: "resource",
      resource: { uri: "file:///report.csv", mimeType: "text/csv", text: "a,b\n" },
    });
  });

  it("takes base64, sending it as is (padded) after a strict check", async () => {
    expect(await image({ base64: b64(PNG) }).resolve()).toEqual(PNG_BLOCK);
    const unpadded = b64(PNG).replace(/=+$/, "");
    expect((await image({ base64: unpadded }).resolve()).data).toBe(b64(PNG));
    await expect(image({ base64: "iVBOR w0K" }).resolve()).rejects.toThrow(
      /image\(\): the base64 source is invalid: .* at index 5 \(whitespace/,
    );
  });

  it("reads a path and a file: URL", async () => {
    expect(await image({ path: fixture("pixel.png") }).resolve()).toEqual(PNG_BLOCK);
    expect(await audio({ url: new URL("tone.wav", FIXTURES) }).resolve()).toMatchObject({
      mimeType: "audio/wav",
    });
    expect(await file({ url: new URL("notes.md", FIXTURES).href }).resolve()).toEqual({
      type: "resource",
      resource: { uri: "file:///notes.md", mimeType: "text/markdown", text: "# Notes\n\nCafé ☕ is open.\n" },
    });
  });

  it("reads the source again on every resolve", async () => {
    const path = join(tmpdir(), `mcpkit-content-${process.pid}.txt`);
    try {
      writeFileSync(path, "one");
      const descriptor = file({ path });
      expect(await descriptor.resolve()).toMatchObject({ resource: { text: "one" } });
      writeFileSync(path, "two");
      expect(await descriptor.resolve()).toMatchObject({ resource: { text: "two" } });
    } finally {
      rmSync(path, { force: true });
    }
  });

  it("refuses a file over maxBytes before reading it", async () => {
    await expect(image({ path: fixture("pixel.png") }, { maxBytes: 10 }).resolve()).rejects.toThrow(
      /image\(\): .*pixel\.png is larger than the 10-byte limit \(maxBytes\)/,
    );
    await expect(image(new Blob([PNG]), { maxBytes: 10 }).resolve()).rejects.toThrow(/the Blob is larger/);
    // Bytes already in memory are not capped.
    await expect(image(PNG, { maxBytes: 10 }).resolve()).resolves.toEqual(PNG_BLOCK);
  });

  it("explains that paths need node:fs where the runtime has none", async () => {
    const runtime = process as { getBuiltinModule?: unknown };
    const original = runtime.getBuiltinModule;
    runtime.getBuiltinModule = undefined;
    try {
      await expect(image({ path: fixture("pixel.png") }).resolve()).rejects.toThrow(
        "image(): reading files from a path needs a runtime with node:fs",
      );
    } finally {
      runtime.getBuiltinModule = original;
    }
  });

  it("rejects a bad source or option at the call site", () => {
    const bad = [42, null, "cat.png", {}, { path: "" }, { url: 5 }, { base64: 1 }];
    for (const source of bad) {
      expect(() => image(source as never), JSON.stringify(source)).toThrow(
        "image(): the source must be a Uint8Array, ArrayBuffer or Blob, or { base64 }, { path } or { url }",
      );
    }
    expect(() => audio({ url: "not a url" })).toThrow("audio(): not a valid absolute URL: not a url");
    expect(() => file({ url: "ftp://example.com/a" })).toThrow("file(): unsupported URL scheme ftp:");
    expect(() => image(PNG, { maxBytes: 0 })).toThrow(RangeError);
    expect(() => image(PNG, { timeoutMs: -1 })).toThrow("image(): timeoutMs must be positive");
  });

  it("adds annotations and _meta to the block", async () => {
    const annotations = { audience: ["user" as const], priority: 0.3 };
    expect(await image(PNG, { annotations, _meta: { id: 7 } }).resolve()).toEqual({
      ...PNG_BLOCK,
      annotations,
      _meta: { id: 7 },
    });
    expect(await file(PNG, { name: "p.png", annotations }).resolve()).toMatchObject({
      type: "resource",
      annotations,
    });
  });

  it("is one class for all three kinds", () => {
    expect(image(PNG)).toBeInstanceOf(BinaryContent);
    expect([image(PNG).kind, audio(WAV).kind, file(PNG).kind]).toEqual(["image", "audio", "file"]);
    expect(isBinaryContent({ kind: "image", resolve: () => null })).toBe(false);
  });
});

describe("file()", { timeout: 5000 }, () => {
  it("sends valid UTF-8 of a text-like type as text, named after the path", async () => {
    expect(await file({ path: fixture("data.json") }).resolve()).toEqual({
      type: "resource",
      resource: { uri: "file:///data.json", mimeType: "application/json", text: '{ "ok": true }\n' },
    });
  });

  it("sends text-like bytes that are not UTF-8 as a blob", async () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);
    expect(await file({ path: fixture("latin1.txt") }).resolve()).toEqual({
      type: "resource",
      resource: { uri: "file:///latin1.txt", mimeType: "text/plain", blob: b64(latin1) },
    });
  });

  it("sends binary as a blob, and unknown data as application/octet-stream named resource", async () => {
    expect(await file({ path: fixture("pixel.png") }).resolve()).toEqual({
      type: "resource",
      resource: { uri: "file:///pixel.png", mimeType: "image/png", blob: b64(PNG) },
    });
    expect(await file(new Uint8Array([1, 2, 3])).resolve()).toEqual({
      type: "resource",
      resource: { uri: "file:///resource", mimeType: "application/octet-stream", blob: "AQID" },
    });
  });

  it("takes the name option over the source's name, percent-encoded in the URI", async () => {
    const block = await file({ path: fixture("notes.md") }, { name: "my notes #1.txt" }).resolve();
    expect(block.resource).toMatchObject({ uri: "file:///my%20notes%20%231.txt", mimeType: "text/plain" });
  });

  it("uses an explicit MIME type for the text decision", async () => {
    const block = await file(new TextEncoder().encode("x = 1"), { mimeType: "text/x-toml" }).resolve();
    expect(block.resource).toEqual({ uri: "file:///resource", mimeType: "text/x-toml", text: "x = 1" });
  });
});
