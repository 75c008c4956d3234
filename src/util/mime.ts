/*
 * MIME types from magic numbers and from file extensions: small tables for the formats that MCP
 * content carries (images, audio, video, documents, source text), not a full registry.
 */

/** Bytes at `offset` equal `signature` (ASCII string or byte list). */
function startsWith(bytes: Uint8Array, signature: string | readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let i = 0; i < signature.length; i++) {
    const expected = typeof signature === "string" ? signature.charCodeAt(i) : signature[i];
    if (bytes[offset + i] !== expected) return false;
  }
  return true;
}

/** Signatures checked in order; the weak ones (BMP, MP3 frame sync) come last. */
const SIGNATURES: readonly (readonly [string, (bytes: Uint8Array) => boolean])[] = [
  ["image/png", (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ["image/jpeg", (b) => startsWith(b, [0xff, 0xd8, 0xff])],
  ["image/gif", (b) => startsWith(b, "GIF87a") || startsWith(b, "GIF89a")],
  ["image/webp", (b) => startsWith(b, "RIFF") && startsWith(b, "WEBP", 8)],
  ["audio/wav", (b) => startsWith(b, "RIFF") && startsWith(b, "WAVE", 8)],
  ["image/x-icon", (b) => startsWith(b, [0, 0, 1, 0]) && b.length >= 6 && b[4]! + b[5]! > 0],
  ["image/tiff", (b) => startsWith(b, [0x49, 0x49, 0x2a, 0]) || startsWith(b, [0x4d, 0x4d, 0, 0x2a])],
  ["application/pdf", (b) => startsWith(b, "%PDF-")],
  ["application/zip", (b) => startsWith(b, "PK\x03\x04") || startsWith(b, "PK\x05\x06")],
  ["application/gzip", (b) => startsWith(b, [0x1f, 0x8b, 0x08])],
  ["audio/flac", (b) => startsWith(b, "fLaC")],
  ["audio/ogg", (b) => startsWith(b, "OggS")],
  ["audio/mpeg", (b) => startsWith(b, "ID3")],
  // Reserved bytes 6-9 of the BMP header are zero: "BM" alone is too common a text start.
  ["image/bmp", (b) => startsWith(b, "BM") && startsWith(b, [0, 0, 0, 0], 6)],
  ["audio/mpeg", isMpegFrame],
];

/** An MPEG audio frame header: 11 sync bits, a valid version, layer, bitrate and sample rate. */
function isMpegFrame(b: Uint8Array): boolean {
  if (b.length < 3 || b[0] !== 0xff || (b[1]! & 0xe0) !== 0xe0) return false;
  const version = (b[1]! >> 3) & 3;
  const layer = (b[1]! >> 1) & 3;
  const bitrate = b[2]! >> 4;
  const sampleRate = (b[2]! >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 15 && sampleRate !== 3;
}

/** ISO base media (MP4, M4A, MOV, AVIF, HEIC): "ftyp" at offset 4, then a 4-character brand. */
function isoMediaType(bytes: Uint8Array): string | undefined {
  if (!startsWith(bytes, "ftyp", 4) || bytes.length < 12) return undefined;
  const brand = String.fromCharCode(...bytes.subarray(8, 12));
  if (brand === "avif" || brand === "avis") return "image/avif";
  if (["heic", "heix", "mif1", "msf1"].includes(brand)) return "image/heic";
  if (brand.startsWith("M4A") || brand.startsWith("M4B")) return "audio/mp4";
  if (brand === "qt  ") return "video/quicktime";
  return "video/mp4";
}

/** EBML (Matroska family): WebM when its DocType says so within the first bytes. */
function ebmlType(bytes: Uint8Array): string | undefined {
  if (!startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return undefined;
  const head = String.fromCharCode(...bytes.subarray(4, 64));
  return head.includes("webm") ? "video/webm" : "video/x-matroska";
}

/** SVG is text: an `<svg` root, possibly after a BOM, whitespace, an XML declaration, comments or a doctype. */
function isSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder().decode(bytes.subarray(0, 1024)).trimStart();
  if (head.startsWith("<svg")) return true;
  return /^<(\?xml|!--|!DOCTYPE)/i.test(head) && /<svg[\s>]/.test(head);
}

/**
 * The MIME type of binary data from its first bytes (magic numbers), or undefined when unknown.
 * Text formats other than SVG have no signature: use {@link mimeTypeFromName} for them.
 *
 * @example
 * sniffMimeType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // "image/png"
 */
export function sniffMimeType(bytes: Uint8Array): string | undefined {
  for (const [type, matches] of SIGNATURES) if (matches(bytes)) return type;
  return isoMediaType(bytes) ?? ebmlType(bytes) ?? (isSvg(bytes) ? "image/svg+xml" : undefined);
}

/** Extension -> MIME type, grouped by the type's prefix to keep the table short. */
// prettier-ignore
const BY_PREFIX: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  image: {
    png: "png", jpg: "jpeg", jpeg: "jpeg", gif: "gif", webp: "webp", bmp: "bmp", ico: "x-icon",
    svg: "svg+xml", avif: "avif", heic: "heic", tif: "tiff", tiff: "tiff",
  },
  audio: {
    mp3: "mpeg", wav: "wav", ogg: "ogg", oga: "ogg", opus: "ogg", flac: "flac", m4a: "mp4", aac: "aac",
    weba: "webm", mid: "midi", midi: "midi",
  },
  video: { mp4: "mp4", m4v: "mp4", webm: "webm", mov: "quicktime", ogv: "ogg", mkv: "x-matroska", avi: "x-msvideo" },
  text: {
    txt: "plain", log: "plain", md: "markdown", markdown: "markdown", csv: "csv", tsv: "tab-separated-values",
    html: "html", htm: "html", css: "css", js: "javascript", mjs: "javascript", cjs: "javascript",
    ts: "typescript", mts: "typescript", cts: "typescript", tsx: "tsx", jsx: "jsx", py: "x-python",
    rb: "x-ruby", go: "x-go", rs: "x-rust", java: "x-java", kt: "x-kotlin", swift: "x-swift", c: "x-c",
    h: "x-c", cpp: "x-c++", cc: "x-c++", hpp: "x-c++", cs: "x-csharp", php: "x-php", sh: "x-shellscript",
    ics: "calendar", vtt: "vtt",
  },
  application: {
    json: "json", jsonl: "jsonl", ndjson: "x-ndjson", xml: "xml", yaml: "yaml", yml: "yaml", toml: "toml",
    sql: "sql", pdf: "pdf", zip: "zip", gz: "gzip", tgz: "gzip", tar: "x-tar", wasm: "wasm", rtf: "rtf",
    epub: "epub+zip", doc: "msword", xls: "vnd.ms-excel", ppt: "vnd.ms-powerpoint",
    docx: "vnd.openxmlformats-officedocument.wordprocessingml.document",
    xlsx: "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    pptx: "vnd.openxmlformats-officedocument.presentationml.presentation",
    odt: "vnd.oasis.opendocument.text", ods: "vnd.oasis.opendocument.spreadsheet",
  },
};

const BY_EXTENSION = new Map<string, string>(
  Object.entries(BY_PREFIX).flatMap(([prefix, table]) =>
    Object.entries(table).map(([extension, subtype]) => [extension, `${prefix}/${subtype}`] as const),
  ),
);

/**
 * The MIME type for a file name, path or URL by its extension (case-insensitive), or undefined.
 * A URL's query and fragment are ignored; both `/` and `\` separate path segments.
 *
 * @example
 * mimeTypeFromName("docs/README.md"); // "text/markdown"
 * mimeTypeFromName("https://example.com/a/cat.PNG?size=2"); // "image/png"
 */
export function mimeTypeFromName(pathOrUrl: string): string | undefined {
  // A scheme of two or more letters marks a URL; "C:\x.png" is a Windows path.
  const path = /^[a-z][a-z0-9+.-]+:/i.test(pathOrUrl) ? pathOrUrl.replace(/[?#].*$/s, "") : pathOrUrl;
  const name = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return undefined; // no extension, or a dotfile such as ".env"
  return BY_EXTENSION.get(name.slice(dot + 1).toLowerCase());
}
