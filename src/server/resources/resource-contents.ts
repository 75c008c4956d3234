import { isJsonObject } from "../../jsonrpc/index.js";
import type { Spec2025_11_25 } from "../../spec/index.js";
import { bytesToBase64 } from "../../util/base64.js";
import { sniffMimeType } from "../../util/mime.js";
import { isBinaryContent } from "../content/index.js";

type ResourceContents = Spec2025_11_25.TextResourceContents | Spec2025_11_25.BlobResourceContents;

/**
 * Turns what a resource handler returned into `contents`: text as text (text/plain unless the
 * resource says otherwise), bytes and image()/file() as base64 blobs, ready-made contents as
 * they are, and anything else as JSON (application/json).
 */
export async function toResourceContents(
  value: unknown,
  uri: string,
  mimeType: string | undefined,
): Promise<ResourceContents[]> {
  if (isJsonObject(value) && Array.isArray(value.contents) && value.contents.every(isResourceContents)) {
    return value.contents;
  }
  if (isResourceContents(value)) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every(isResourceContents)) return value;
  if (typeof value === "string") return [{ uri, mimeType: mimeType ?? "text/plain", text: value }];
  const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
  if (bytes instanceof Uint8Array) {
    return [
      {
        uri,
        mimeType: mimeType ?? sniffMimeType(bytes) ?? "application/octet-stream",
        blob: bytesToBase64(bytes),
      },
    ];
  }
  if (isBinaryContent(value)) {
    const block = await value.resolve();
    if (block.type === "resource") return [{ ...block.resource, uri }];
    return [{ uri, mimeType: mimeType ?? block.mimeType, blob: block.data }];
  }
  return [{ uri, mimeType: mimeType ?? "application/json", text: JSON.stringify(value) ?? "null" }];
}

function isResourceContents(value: unknown): value is ResourceContents {
  return (
    isJsonObject(value) &&
    typeof value.uri === "string" &&
    (typeof value.text === "string" || typeof value.blob === "string")
  );
}
