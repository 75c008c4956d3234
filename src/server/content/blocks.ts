/*
 * Constructors for the content blocks that need no I/O: text, resource links and embedded resources.
 * They return plain protocol objects, ready to send, with no optional field set to undefined.
 */
import type { Spec2025_11_25 } from "../../spec/index.js";
import { base64ToBytes, bytesToBase64 } from "../../util/base64.js";

type Annotations = Spec2025_11_25.Annotations;

/**
 * Annotations and `_meta` that every content block may carry.
 *
 * @example
 * const options: BlockOptions = { annotations: { audience: ["assistant"], priority: 0.5 } };
 */
export interface BlockOptions {
  readonly annotations?: Annotations;
  readonly _meta?: Record<string, unknown>;
}

/**
 * A text block.
 *
 * @example
 * text("Done: 3 files changed"); // { type: "text", text: "Done: 3 files changed" }
 */
export function text(value: string, options: BlockOptions = {}): Spec2025_11_25.TextContent {
  if (typeof value !== "string") throw new TypeError(`text(): expected a string, got ${typeof value}`);
  return { type: "text", text: value, ...blockExtras(options) };
}

/**
 * The fields of {@link resourceLink}: a ResourceLink without its `type`.
 *
 * @example
 * const link: ResourceLinkInput = { uri: "file:///src/main.ts", name: "main.ts", mimeType: "text/typescript" };
 */
export type ResourceLinkInput = Omit<Spec2025_11_25.ResourceLink, "type">;

/**
 * A link to a resource the client may read or subscribe to, without its contents.
 *
 * @example
 * resourceLink({ uri: "file:///src/main.ts", name: "main.ts", mimeType: "text/typescript" });
 */
export function resourceLink(link: ResourceLinkInput): Spec2025_11_25.ResourceLink {
  if (typeof link.uri !== "string" || typeof link.name !== "string") {
    throw new TypeError("resourceLink(): uri and name must be strings");
  }
  return { type: "resource_link", ...withoutUndefined(link, "type") };
}

/**
 * The fields of {@link embeddedResource}: text contents, or binary contents as bytes or base64.
 *
 * @example
 * const input: EmbeddedResourceInput = { uri: "memo://today", mimeType: "text/plain", text: "Buy milk" };
 */
export type EmbeddedResourceInput = BlockOptions & {
  readonly uri: string;
  readonly mimeType?: string;
  readonly resourceMeta?: Record<string, unknown>;
} & ({ readonly text: string } | { readonly blob: Uint8Array | { readonly base64: string } });

/**
 * Resource contents embedded in a result. A `blob` given as bytes is base64-encoded; given as
 * `{ base64 }` it is checked strictly and padded. `resourceMeta` is the contents' own `_meta`.
 *
 * @example
 * embeddedResource({ uri: "memo://today", mimeType: "text/plain", text: "Buy milk" });
 * embeddedResource({ uri: "file:///dot.bin", blob: new Uint8Array([1, 2, 3]) });
 */
export function embeddedResource(input: EmbeddedResourceInput): Spec2025_11_25.EmbeddedResource {
  if (typeof input.uri !== "string") throw new TypeError("embeddedResource(): uri must be a string");
  const head = {
    uri: input.uri,
    ...(input.mimeType === undefined ? {} : { mimeType: input.mimeType }),
    ...(input.resourceMeta === undefined ? {} : { _meta: input.resourceMeta }),
  };
  const resource =
    "text" in input ? { ...head, text: checkText(input.text) } : { ...head, blob: toBlob(input.blob) };
  return { type: "resource", resource, ...blockExtras(input) };
}

function checkText(value: unknown): string {
  if (typeof value !== "string") throw new TypeError("embeddedResource(): text must be a string");
  return value;
}

function toBlob(blob: Uint8Array | { readonly base64: string }): string {
  if (blob instanceof Uint8Array) return bytesToBase64(blob);
  if (typeof blob?.base64 !== "string") {
    throw new TypeError("embeddedResource(): blob must be a Uint8Array or { base64: string }");
  }
  try {
    base64ToBytes(blob.base64);
  } catch (error) {
    throw new TypeError(`embeddedResource(): ${(error as Error).message}`, { cause: error });
  }
  return blob.base64.padEnd(Math.ceil(blob.base64.length / 4) * 4, "=");
}

/**
 * `annotations` and `_meta` when set, for spreading into a block (shared with binary.ts).
 *
 * @example
 * const block = { type: "text", text: "hi", ...blockExtras({ _meta: { a: 1 } }) };
 */
export function blockExtras(options: BlockOptions): BlockOptions {
  return {
    ...(options.annotations === undefined ? {} : { annotations: options.annotations }),
    ...(options._meta === undefined ? {} : { _meta: options._meta }),
  };
}

/** A shallow copy without `omit` and the keys whose value is undefined (exactOptionalPropertyTypes-safe). */
function withoutUndefined<T extends object>(value: T, omit: string): T {
  return Object.fromEntries(Object.entries(value).filter(([k, v]) => v !== undefined && k !== omit)) as T;
}
