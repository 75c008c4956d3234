/*
 * Just enough imaging for examples/images.ts, without an image library: decode an uncompressed
 * BMP, shrink it (nearest neighbour), encode a PNG (node:zlib does the compression).
 */
import { deflateSync } from "node:zlib";

/** An RGB image: 3 bytes per pixel, rows top to bottom. */
export interface Bitmap {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

const MAX_PIXELS = 50_000_000;

/** Decodes a 24- or 32-bit uncompressed (BI_RGB) BMP, the kind most tools write. */
export function decodeBmp(bytes: Uint8Array): Bitmap {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 54 || view.getUint16(0) !== 0x424d) throw new Error("not a BMP file");
  const offset = view.getUint32(10, true);
  const width = view.getInt32(18, true);
  const storedHeight = view.getInt32(22, true); // negative: rows stored top-down
  const bitsPerPixel = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  if ((bitsPerPixel !== 24 && bitsPerPixel !== 32) || compression !== 0) {
    throw new Error(`only uncompressed 24- or 32-bit BMP files are supported, not ${bitsPerPixel}-bit`);
  }
  const height = Math.abs(storedHeight);
  if (width <= 0 || height === 0 || width * height > MAX_PIXELS) throw new Error("bad BMP dimensions");
  const stride = Math.ceil((width * bitsPerPixel) / 32) * 4; // rows are padded to 4 bytes
  if (offset + stride * height > bytes.length) throw new Error("the BMP file is truncated");
  const step = bitsPerPixel / 8;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = offset + stride * (storedHeight > 0 ? height - 1 - y : y);
    for (let x = 0; x < width; x++) {
      const from = row + x * step; // stored as blue, green, red
      rgb.set([bytes[from + 2]!, bytes[from + 1]!, bytes[from]!], (y * width + x) * 3);
    }
  }
  return { width, height, rgb };
}

/** Fits the image into `size` x `size`, keeping its aspect ratio and never enlarging (as PIL's thumbnail). */
export function thumbnail(image: Bitmap, size: number): Bitmap {
  const scale = Math.min(1, size / image.width, size / image.height);
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sourceY = Math.floor(((y + 0.5) * image.height) / height);
    for (let x = 0; x < width; x++) {
      const from = (sourceY * image.width + Math.floor(((x + 0.5) * image.width) / width)) * 3;
      rgb.set(image.rgb.subarray(from, from + 3), (y * width + x) * 3);
    }
  }
  return { width, height, rgb };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Encodes an 8-bit RGB PNG: a header chunk, the compressed rows, an end chunk. */
export function encodePng({ width, height, rgb }: Bitmap): Uint8Array {
  const rowLength = width * 3;
  const rows = new Uint8Array((rowLength + 1) * height); // each row starts with filter type 0 (none)
  for (let y = 0; y < height; y++) {
    rows.set(rgb.subarray(y * rowLength, (y + 1) * rowLength), y * (rowLength + 1) + 1);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2], 8); // bit depth 8, colour type 2 (RGB); compression, filter, interlace 0
  return Buffer.concat([
    new Uint8Array(PNG_SIGNATURE),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/** length, type, data, then the CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(12 + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, data.length);
  bytes.set(new TextEncoder().encode(type), 4);
  bytes.set(data, 8);
  view.setUint32(8 + data.length, crc32(bytes.subarray(4, 8 + data.length)));
  return bytes;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** zlib.crc32 exists only from Node 20.15 / 22.2, so it is computed here. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
