/*
 * What a tool handler returns, turned into content blocks with FastMCP's rules, so that handlers
 * return plain values ("done", 42, { rows }, image(...)) instead of building protocol objects.
 */
import type { Spec2025_11_25 } from "../../spec/index.js";
import { BinaryContent, isBinaryContent, type ResolveOptions } from "./binary.js";
import { isArrayBuffer, isUint8Array } from "./source.js";

type ContentBlock = Spec2025_11_25.ContentBlock;
type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === "object" && value !== null;

/** The fields each block type requires, with their types. */
const REQUIRED: Readonly<Record<ContentBlock["type"], (block: Fields) => boolean>> = {
  text: (b) => typeof b.text === "string",
  image: (b) => typeof b.data === "string" && typeof b.mimeType === "string",
  audio: (b) => typeof b.data === "string" && typeof b.mimeType === "string",
  resource_link: (b) => typeof b.uri === "string" && typeof b.name === "string",
  resource: (b) =>
    isObject(b.resource) &&
    typeof b.resource.uri === "string" &&
    (typeof b.resource.text === "string" || typeof b.resource.blob === "string"),
};

/**
 * Whether a value is a content block: a known `type` (text, image, audio, resource, resource_link)
 * with its required fields present and of the right types. Optional fields are not checked.
 *
 * @example
 * isContentBlock({ type: "text", text: "hi" }); // true
 * isContentBlock({ type: "image", data: "AA==" }); // false: no mimeType
 */
export function isContentBlock(value: unknown): value is ContentBlock {
  if (!isObject(value) || typeof value.type !== "string") return false;
  return Object.hasOwn(REQUIRED, value.type) && REQUIRED[value.type as ContentBlock["type"]](value);
}

/**
 * Converts a tool's return value into content blocks (FastMCP semantics):
 * - `undefined` / `null` -> `[]`; a string -> one text block;
 * - a content block -> itself; {@link image} / {@link audio} / {@link file} -> the resolved block;
 * - an array -> every element converted by these rules, concatenated in order (nested arrays too;
 *   binaries are resolved concurrently, the order is kept);
 * - anything else (numbers, booleans, objects, Dates, class instances with `toJSON`) -> one text
 *   block with its compact `JSON.stringify`, where a BigInt becomes a string, a Map an object and
 *   a Set an array. Circular values, functions, symbols and raw bytes (a Uint8Array, ArrayBuffer
 *   or Blob, which belong in image()/audio()/file()) are TypeErrors naming the problem.
 *
 * @example
 * await toContentBlocks(["Total:", 42]); // [{ type: "text", text: "Total:" }, { type: "text", text: "42" }]
 */
export async function toContentBlocks(value: unknown, options: ResolveOptions = {}): Promise<ContentBlock[]> {
  const converted = convert(value, options);
  return Array.isArray(converted) ? converted : await converted;
}

/** {@link toContentBlocks}, synchronous unless a binary must be resolved (the tools/call path). */
export function toContentBlocksNow(value: unknown): ContentBlock[] | Promise<ContentBlock[]> {
  return convert(value, {});
}

/** Synchronous unless a binary must be resolved, so plain elements create no promises. */
function convert(value: unknown, options: ResolveOptions): ContentBlock[] | Promise<ContentBlock[]> {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [{ type: "text", text: value }];
  if (isBinaryContent(value)) return value.resolve(options).then((block) => [block]);
  // A list of content (text, blocks, media) is content; a list of plain data is one JSON value.
  if (Array.isArray(value)) {
    return isDataList(value) ? [{ type: "text", text: toJson(value) }] : convertAll(value, options);
  }
  if (isContentBlock(value)) return [value];
  return [{ type: "text", text: toJson(value) }];
}

/** Data, not content: no media or block anywhere in it, and not only strings (`[1, 2]`, `[{ id: 1 }]`). */
function isDataList(values: readonly unknown[]): boolean {
  return !values.some(hasMedia) && !values.every((value) => typeof value === "string");
}

function hasMedia(value: unknown): boolean {
  if (isBinaryContent(value) || isContentBlock(value)) return true;
  return Array.isArray(value) && value.some(hasMedia);
}

function convertAll(
  values: readonly unknown[],
  options: ResolveOptions,
): ContentBlock[] | Promise<ContentBlock[]> {
  const parts: (ContentBlock[] | Promise<ContentBlock[]>)[] = [];
  try {
    for (const value of values) parts.push(convert(value, options));
  } catch (error) {
    // Binaries already resolving must not end as unhandled rejections.
    for (const part of parts) if (!Array.isArray(part)) void part.catch(() => undefined);
    throw error;
  }
  if (parts.every((part) => Array.isArray(part))) return parts.flat();
  return Promise.all(parts.map((part) => Promise.resolve(part))).then((resolved) => resolved.flat());
}

/** Compact JSON: the smallest text for the model, and what FastMCP sends. */
function toJson(value: unknown): string {
  if (isUint8Array(value) || isArrayBuffer(value) || value instanceof Blob) {
    throw new TypeError(
      "toContentBlocks: raw bytes cannot be a tool result; return image(bytes), audio(bytes) or file(bytes)",
    );
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value, replacer);
  } catch (error) {
    const reason = /circular/i.test((error as Error).message)
      ? "it contains a circular reference"
      : (error as Error).message;
    throw new TypeError(`toContentBlocks: the tool result cannot be serialised as JSON: ${reason}`, {
      cause: error,
    });
  }
  if (json === undefined) throw new TypeError(`toContentBlocks: a ${typeof value} cannot be a tool result`);
  return json;
}

/** Makes BigInt, Map and Set serialisable, and refuses binaries nested where they cannot be resolved. */
function replacer(key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  if (value instanceof BinaryContent) {
    throw new TypeError(
      `${value.kind}() was found inside an object (at "${key}"); return it directly or in an array`,
    );
  }
  return value;
}
