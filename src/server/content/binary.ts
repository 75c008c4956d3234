/*
 * image(), audio() and file(): descriptors a handler returns, resolved into content blocks only when
 * the result is sent, so nothing is read, fetched or encoded for a value that is never used.
 */
import type { Spec2025_11_25 } from "../../spec/index.js";
import { bytesToBase64 } from "../../util/base64.js";
import { mimeTypeFromName, sniffMimeType } from "../../util/mime.js";
import { blockExtras } from "./blocks.js";
import { checkSource, load, type BinarySource, type Loaded, type Source } from "./source.js";

type ImageContent = Spec2025_11_25.ImageContent;
type AudioContent = Spec2025_11_25.AudioContent;
type EmbeddedResource = Spec2025_11_25.EmbeddedResource;

/**
 * The kind of block a {@link BinaryContent} becomes: image, audio, or an embedded resource (file).
 *
 * @example
 * const kind: BinaryKind = image(new Uint8Array([0xff, 0xd8, 0xff])).kind; // "image"
 */
export type BinaryKind = "image" | "audio" | "file";

/**
 * The block that a descriptor of kind `K` resolves to.
 *
 * @example
 * const block: BinaryBlock<"audio"> = await audio({ path: "chime.wav" }).resolve(); // AudioContent
 */
export type BinaryBlock<K extends BinaryKind> = K extends "image"
  ? ImageContent
  : K extends "audio"
    ? AudioContent
    : EmbeddedResource;

/**
 * Options of {@link image} and {@link audio}.
 *
 * @example
 * const options: BinaryOptions = { mimeType: "image/png", annotations: { audience: ["user"] } };
 */
export interface BinaryOptions {
  /** Wins over everything else; otherwise: sniffed from the bytes > file extension > Content-Type. */
  readonly mimeType?: string;
  readonly annotations?: Spec2025_11_25.Annotations;
  readonly _meta?: Record<string, unknown>;
  /** Largest path, URL or Blob source read, in bytes. Default 20 MiB. */
  readonly maxBytes?: number;
  /** Time limit of a URL download, headers and body, in milliseconds. Default 30 s. */
  readonly timeoutMs?: number;
}

/**
 * Options of {@link file}.
 *
 * @example
 * const options: FileOptions = { name: "report.csv" };
 */
export interface FileOptions extends BinaryOptions {
  /** The file name in the resource URI `file:///<name>`; its extension also hints at the MIME type. */
  readonly name?: string;
}

/**
 * Options of {@link BinaryContent.resolve}.
 *
 * @example
 * await image({ url: "https://example.com/cat.png" }).resolve({ signal: AbortSignal.timeout(5000) });
 */
export interface ResolveOptions {
  /** Cancels a download or file read, e.g. the tool call's signal. */
  readonly signal?: AbortSignal;
}

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Content types that say nothing about the data. */
const GENERIC_TYPES = new Set(["application/octet-stream", "binary/octet-stream", "application/unknown"]);
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Binary data to send as content, made by {@link image}, {@link audio} or {@link file}. Holds its
 * source by reference (bytes are not copied) and reads it again on every {@link resolve} call.
 *
 * @example
 * const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
 * const block = await image(png).resolve(); // { type: "image", data: "iVBORw0KGgo=", mimeType: "image/png" }
 */
export class BinaryContent<K extends BinaryKind = BinaryKind> {
  readonly kind: K;
  readonly #source: Source;
  readonly #options: FileOptions;

  /** Prefer {@link image}, {@link audio} and {@link file}. */
  constructor(kind: K, source: BinarySource, options: FileOptions = {}) {
    this.kind = kind;
    this.#source = checkSource(source, `${kind}()`);
    for (const key of ["maxBytes", "timeoutMs"] as const) {
      const value = options[key];
      if (value !== undefined && !(value > 0)) throw new RangeError(`${kind}(): ${key} must be positive`);
    }
    this.#options = options;
  }

  /** Reads the source and builds the content block; rejects with a message naming the problem. */
  async resolve(options: ResolveOptions = {}): Promise<BinaryBlock<K>> {
    const label = `${this.kind}()`;
    const { maxBytes = DEFAULT_MAX_BYTES, timeoutMs = DEFAULT_TIMEOUT_MS } = this.#options;
    const loaded = await load(this.#source, { maxBytes, timeoutMs, signal: options.signal }, label);
    const name = this.#options.name ?? loaded.name;
    const mimeType = this.#options.mimeType ?? inferMimeType(this.kind, loaded, name);
    const block =
      this.kind === "file" ? toResource(loaded, mimeType, name) : toMedia(this.kind, loaded, mimeType);
    return Object.assign(block, blockExtras(this.#options)) as BinaryBlock<K>;
  }
}

/**
 * An image block from bytes, base64, a path or a URL, resolved when sent. The MIME type is
 * `options.mimeType`, else sniffed from the bytes, else from the extension, else the Content-Type;
 * an unknown or non-image type is an error.
 *
 * @example
 * const logo = image({ path: "assets/logo.png" }); // a tool handler returns it; nothing is read yet
 */
export function image(source: BinarySource, options?: BinaryOptions): BinaryContent<"image"> {
  return new BinaryContent("image", source, options);
}

/**
 * An audio block, like {@link image}; MP4 and WebM containers count as audio (`audio/mp4`, `audio/webm`).
 *
 * @example
 * const chime = audio({ url: "https://example.com/chime.mp3" }, { timeoutMs: 5000 });
 */
export function audio(source: BinarySource, options?: BinaryOptions): BinaryContent<"audio"> {
  return new BinaryContent("audio", source, options);
}

/**
 * An embedded resource `{ type: "resource", resource: { uri: "file:///<name>", mimeType, blob | text } }`.
 * The name is `options.name`, else the path's or URL's last segment, else "resource". The MIME type
 * falls back to `application/octet-stream`. Text-like types (text/*, JSON, XML, YAML, ...) whose bytes
 * are valid UTF-8 are sent as `text`, readable by the model; anything else as base64 `blob`.
 *
 * @example
 * const report = file(new TextEncoder().encode("a,b\n1,2\n"), { name: "report.csv" });
 * await report.resolve(); // { type: "resource", resource: { uri: "file:///report.csv", mimeType: "text/csv", text: "a,b\n1,2\n" } }
 */
export function file(source: BinarySource, options?: FileOptions): BinaryContent<"file"> {
  return new BinaryContent("file", source, options);
}

/**
 * Whether a value is a descriptor made by {@link image}, {@link audio} or {@link file}.
 *
 * @example
 * if (isBinaryContent(value)) blocks.push(await value.resolve());
 */
export function isBinaryContent(value: unknown): value is BinaryContent {
  return value instanceof BinaryContent;
}

function inferMimeType(kind: BinaryKind, loaded: Loaded, name: string | undefined): string {
  const sniffed = sniffMimeType(loaded.bytes);
  const named = name === undefined ? undefined : mimeTypeFromName(name);
  const declared = loaded.declaredType?.split(";")[0]?.trim().toLowerCase();
  // DOCX, XLSX, EPUB, ... are ZIP files: a specific name is better than the generic signature.
  const specific = sniffed === "application/zip" && named?.startsWith("application/") ? named : sniffed;
  const found = specific ?? named ?? (declared && !GENERIC_TYPES.has(declared) ? declared : undefined);
  if (kind === "file") return found ?? "application/octet-stream";
  if (found === undefined) {
    throw new Error(
      `${kind}(): cannot tell the MIME type of the ${kind} (no known signature, file extension or Content-Type); pass options.mimeType`,
    );
  }
  // The MP4 and WebM containers hold audio as well as video.
  const type = kind === "audio" ? found.replace(/^video\/(mp4|webm|ogg)$/, "audio/$1") : found;
  if (!type.startsWith(`${kind}/`)) {
    throw new Error(
      `${kind}(): the data is ${type}, not ${kind === "image" ? "an image" : "audio"}; use file() for it, or pass options.mimeType to override`,
    );
  }
  return type;
}

function toMedia(kind: "image" | "audio", loaded: Loaded, mimeType: string): ImageContent | AudioContent {
  return { type: kind, data: loaded.base64 ?? bytesToBase64(loaded.bytes), mimeType };
}

function toResource(loaded: Loaded, mimeType: string, name: string | undefined): EmbeddedResource {
  const uri = `file:///${encodeURIComponent(name ?? "resource")}`;
  const text = isTextLike(mimeType) ? decodeUtf8(loaded.bytes) : undefined;
  if (text !== undefined) return { type: "resource", resource: { uri, mimeType, text } };
  return {
    type: "resource",
    resource: { uri, mimeType, blob: loaded.base64 ?? bytesToBase64(loaded.bytes) },
  };
}

function isTextLike(mimeType: string): boolean {
  const type = mimeType.split(";")[0]!.trim().toLowerCase();
  return (
    type.startsWith("text/") ||
    /[/+](json|xml|yaml)$/.test(type) ||
    /^application\/(jsonl|x-ndjson|toml|javascript|sql|x-sh)$/.test(type)
  );
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
