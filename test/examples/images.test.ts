import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { connect } from "mcpkit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mcp } from "../../examples/images.js";

type Rgb = readonly [number, number, number];
const RED: Rgb = [255, 0, 0];
const BLUE: Rgb = [0, 0, 255];
const GREEN: Rgb = [0, 128, 0];

/** Writes an uncompressed BMP, written independently of the example's decoder. */
function bmp(
  width: number,
  height: number,
  pixel: (x: number, y: number) => Rgb,
  bits = 24,
  topDown = false,
) {
  const stride = Math.ceil((width * bits) / 32) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write("BM", 0, "latin1");
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(topDown ? -height : height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(bits, 28);
  out.writeUInt32LE(stride * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = 54 + (topDown ? y : height - 1 - y) * stride + (x * bits) / 8;
      const [r, g, b] = pixel(x, y);
      out.set(bits === 32 ? [b, g, r, 255] : [b, g, r], at);
    }
  }
  return out;
}

/** Parses the PNG the tool returns: checks every chunk's CRC, reads the header and the pixels. */
function readPng(base64: string) {
  const bytes = Buffer.from(base64, "base64");
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks = new Map<string, Buffer[]>();
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length)).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
    chunks.set(type, [...(chunks.get(type) ?? []), data]);
    at += 12 + length;
  }
  const header = chunks.get("IHDR")![0]!;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  expect([header[8], header[9]]).toEqual([8, 2]); // 8-bit RGB
  expect(chunks.has("IEND")).toBe(true);
  const rows = inflateSync(Buffer.concat(chunks.get("IDAT")!));
  expect(rows.length).toBe((width * 3 + 1) * height);
  const pixel = (x: number, y: number): Rgb => {
    const at = y * (width * 3 + 1) + 1 + x * 3;
    return [rows[at]!, rows[at + 1]!, rows[at + 2]!];
  };
  return { width, height, pixel };
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

let dir = "";
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mcpkit-images-"));
  // 300x150: red left half, blue right half, a green top row.
  await writeFile(
    path("wide.bmp"),
    bmp(300, 150, (x, y) => (y === 0 ? GREEN : x < 150 ? RED : BLUE)),
  );
  // 40x30, 32-bit, stored top-down: smaller than 100x100, so only re-encoded.
  await writeFile(
    path("small.bmp"),
    bmp(40, 30, (x) => (x < 20 ? BLUE : RED), 32, true),
  );
  await writeFile(path("notes.txt"), "not an image");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(["modern", "legacy"] as const)("examples/images.ts (%s)", (era) => {
  it("shrinks a BMP to fit 100x100, keeping its aspect ratio, as a PNG", async () => {
    await using client = await connect(mcp, { era });
    const result = await client.callTool({
      name: "create_thumbnail",
      arguments: { image_path: path("wide.bmp") },
    });
    expect(result.isError).toBeUndefined();
    expect(result.content).toHaveLength(1);
    const block = result.content[0]!;
    if (block.type !== "image") throw new Error(`expected an image, got ${block.type}`);
    expect(block.mimeType).toBe("image/png");
    const png = readPng(block.data);
    expect([png.width, png.height]).toEqual([100, 50]);
    expect(png.pixel(10, 25)).toEqual(RED);
    expect(png.pixel(90, 25)).toEqual(BLUE);
    expect(png.pixel(49, 49)).toEqual(RED);
    expect(png.pixel(50, 49)).toEqual(BLUE);
  });

  it("never enlarges a small image, and reads 32-bit top-down files", async () => {
    await using client = await connect(mcp, { era });
    const result = await client.callTool({
      name: "create_thumbnail",
      arguments: { image_path: path("small.bmp") },
    });
    const block = result.content[0]!;
    if (block.type !== "image") throw new Error(`expected an image, got ${block.type}`);
    const png = readPng(block.data);
    expect([png.width, png.height]).toEqual([40, 30]);
    for (const y of [0, 29]) {
      expect(png.pixel(19, y)).toEqual(BLUE);
      expect(png.pixel(20, y)).toEqual(RED);
    }
  });

  it("reports a file that is not a BMP, or missing, as a tool error", async () => {
    await using client = await connect(mcp, { era });
    const notBmp = await client.callTool({
      name: "create_thumbnail",
      arguments: { image_path: path("notes.txt") },
    });
    expect(notBmp).toMatchObject({
      isError: true,
      content: [{ type: "text", text: `Cannot make a thumbnail of ${path("notes.txt")}: not a BMP file` }],
    });
    const missing = await client.callTool({
      name: "create_thumbnail",
      arguments: { image_path: path("nope.bmp") },
    });
    expect(missing.isError).toBe(true);
    expect(missing.content).toEqual([
      { type: "text", text: expect.stringMatching(/^Cannot make a thumbnail of .*nope\.bmp: ENOENT/) },
    ]);
  });
});
