/*
 * Where the bytes of image(), audio() and file() come from. Sources are checked when the descriptor
 * is made (a wrong shape fails at the call site) but read only by load(), when content is resolved.
 */
import { base64ToBytes } from "../../util/base64.js";
import { attempt, describeUrl, fetchBytes, type ReadLimits } from "./fetch-bytes.js";

/**
 * The data of a binary content block: bytes in memory (kept by reference), base64 text, a file path
 * (Node, Bun, Deno; relative to the working directory) or a URL (`http:`, `https:`, `data:`, `blob:`,
 * and `file:`, read like a path).
 *
 * @example
 * const sources: BinarySource[] = [new Uint8Array([1]), { base64: "AQ==" }, { path: "cat.png" }, { url: "https://example.com/cat.png" }];
 */
export type BinarySource =
  | Uint8Array
  | ArrayBuffer
  | Blob
  | { readonly base64: string }
  | { readonly path: string }
  | { readonly url: string | URL };

/**
 * A checked source.
 *
 * @example
 * const source: Source = checkSource({ path: "cat.png" }, "image()"); // { kind: "path", path: "cat.png" }
 */
export type Source =
  | { readonly kind: "bytes"; readonly bytes: Uint8Array }
  | { readonly kind: "blob"; readonly blob: Blob }
  | { readonly kind: "base64"; readonly base64: string }
  | { readonly kind: "path"; readonly path: string | URL }
  | { readonly kind: "url"; readonly url: URL };

/**
 * What load() read: the bytes, plus what else the source says about them.
 *
 * @example
 * const loaded: Loaded = { bytes: new Uint8Array([1]), name: "a.bin", declaredType: "application/x-a" };
 */
export interface Loaded {
  readonly bytes: Uint8Array;
  /** The padded base64 of a `{ base64 }` source, sent as is instead of encoding the bytes again. */
  readonly base64?: string;
  /** A file name for the MIME table and for `file:///<name>` URIs. */
  readonly name?: string;
  /** A Content-Type header or a Blob's type. */
  readonly declaredType?: string;
}

const URL_PROTOCOLS = new Set(["http:", "https:", "data:", "blob:", "file:"]);

/**
 * Checks a source's shape without reading anything; `label` prefixes errors (e.g. "image()").
 *
 * @example
 * checkSource({ url: "https://example.com/a.png" }, "image()"); // { kind: "url", url: URL }
 */
export function checkSource(source: BinarySource, label: string): Source {
  if (isUint8Array(source)) return { kind: "bytes", bytes: source };
  if (isArrayBuffer(source)) return { kind: "bytes", bytes: new Uint8Array(source) };
  if (source instanceof Blob) return { kind: "blob", blob: source };
  const shape = source as Partial<Record<"base64" | "path" | "url", unknown>> | null;
  if (typeof shape === "object" && shape !== null) {
    if (typeof shape.base64 === "string") return { kind: "base64", base64: shape.base64 };
    if (typeof shape.path === "string" && shape.path !== "") return { kind: "path", path: shape.path };
    if (typeof shape.url === "string" || shape.url instanceof URL) return checkUrl(shape.url, label);
  }
  throw new TypeError(
    `${label}: the source must be a Uint8Array, ArrayBuffer or Blob, or { base64 }, { path } or { url }`,
  );
}

/**
 * True for a Uint8Array (or Buffer) from any realm: `instanceof` fails across vm contexts and iframes.
 *
 * @example
 * isUint8Array(new Uint8Array(1)); // true
 */
export function isUint8Array(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || (ArrayBuffer.isView(value) && tagOf(value) === "[object Uint8Array]");
}

/**
 * True for an ArrayBuffer from any realm.
 *
 * @example
 * isArrayBuffer(new ArrayBuffer(1)); // true
 */
export function isArrayBuffer(value: unknown): value is ArrayBuffer {
  return value instanceof ArrayBuffer || tagOf(value) === "[object ArrayBuffer]";
}

const tagOf = (value: unknown): string => Object.prototype.toString.call(value);

function checkUrl(value: string | URL, label: string): Source {
  if (!URL.canParse(value)) throw new TypeError(`${label}: not a valid absolute URL: ${String(value)}`);
  const url = new URL(value);
  if (!URL_PROTOCOLS.has(url.protocol)) {
    throw new TypeError(`${label}: unsupported URL scheme ${url.protocol} (http, https, data, blob or file)`);
  }
  return url.protocol === "file:" ? { kind: "path", path: url } : { kind: "url", url };
}

/**
 * Reads a checked source within `limits` (which bound paths, URLs and Blobs, not bytes in memory).
 *
 * @example
 * const { bytes, name } = await load(checkSource({ path: "cat.png" }, "image()"), limits, "image()");
 */
export async function load(source: Source, limits: ReadLimits, label: string): Promise<Loaded> {
  switch (source.kind) {
    case "bytes":
      return { bytes: source.bytes };
    case "base64":
      return fromBase64(source.base64, label);
    case "blob":
      return readBlob(source.blob, limits, label);
    case "path":
      return { bytes: await readPath(source.path, limits, label), ...named(lastSegment(source.path)) };
    case "url": {
      const { bytes, contentType } = await fetchBytes(source.url, limits, label);
      const name = source.url.protocol === "data:" ? undefined : lastSegment(source.url);
      return { bytes, ...named(name), ...(contentType === undefined ? {} : { declaredType: contentType }) };
    }
  }
}

function fromBase64(base64: string, label: string): Loaded {
  try {
    // Decoding validates the text and gives the bytes to sniff; the text itself is sent, padded.
    const bytes = base64ToBytes(base64);
    return { bytes, base64: base64.padEnd(Math.ceil(base64.length / 4) * 4, "=") };
  } catch (error) {
    throw new TypeError(`${label}: the base64 source is invalid: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function readBlob(blob: Blob, limits: ReadLimits, label: string): Promise<Loaded> {
  if (blob.size > limits.maxBytes) throw tooLarge(label, "the Blob", limits);
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const name = "name" in blob && typeof blob.name === "string" && blob.name !== "" ? blob.name : undefined;
  return { bytes, ...named(name), ...(blob.type === "" ? {} : { declaredType: blob.type }) };
}

/** The part of `node:fs/promises` used here, declared locally so that no Node types are needed. */
interface FsPromises {
  stat(path: string | URL): Promise<{ size: number }>;
  readFile(path: string | URL, options: { signal?: AbortSignal | undefined }): Promise<Uint8Array>;
}

/** `process.getBuiltinModule` (Node >= 20.16, Bun, Deno) reaches node:fs without any import statement. */
function fileSystem(label: string): FsPromises {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = runtime?.getBuiltinModule?.("node:fs/promises") as FsPromises | undefined;
  if (fs === undefined) {
    throw new Error(
      `${label}: reading files from a path needs a runtime with node:fs (Node >= 20.16, Bun, Deno); pass the bytes or a URL instead`,
    );
  }
  return fs;
}

async function readPath(path: string | URL, limits: ReadLimits, label: string): Promise<Uint8Array> {
  const fs = fileSystem(label);
  const shown = typeof path === "string" ? path : describeUrl(path);
  const cannotRead = (error: unknown): unknown =>
    limits.signal?.aborted
      ? limits.signal.reason
      : new Error(`${label}: cannot read ${shown}: ${(error as Error).message}`, { cause: error });
  // stat first, so that an oversized file is refused before any of it is read.
  const { size } = await attempt(() => fs.stat(path), cannotRead);
  if (size > limits.maxBytes) throw tooLarge(label, shown, limits);
  const bytes = await attempt(() => fs.readFile(path, { signal: limits.signal }), cannotRead);
  // The file may have grown between stat and read.
  if (bytes.byteLength > limits.maxBytes) throw tooLarge(label, shown, limits);
  return bytes;
}

function tooLarge(label: string, what: string, limits: ReadLimits): Error {
  return new Error(`${label}: ${what} is larger than the ${limits.maxBytes}-byte limit (maxBytes)`);
}

/** The decoded last segment of a path or URL path, if there is one. */
function lastSegment(where: string | URL): string | undefined {
  const path = typeof where === "string" ? where : where.pathname;
  const segment = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  if (segment === "") return undefined;
  if (typeof where === "string") return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function named(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}
