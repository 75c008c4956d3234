import { isJsonObject } from "../../jsonrpc/index.js";
import type { JsonRpcMessage, JsonRpcPayload } from "../../jsonrpc/index.js";
import { MetaKey, isModernVersion } from "../../protocol/index.js";
import { bytesToBase64 } from "../../util/base64.js";
import type { ToolParamHeaders } from "./param-headers.js";

/** The params field that `Mcp-Name` mirrors, per method (SEP-2243; tasks/* from SEP-2663). */
const NAME_SOURCE: Readonly<Record<string, string>> = {
  "tools/call": "name",
  "prompts/get": "name",
  "resources/read": "uri",
  "tasks/get": "taskId",
  "tasks/update": "taskId",
  "tasks/cancel": "taskId",
};

const SENTINEL = "=?base64?";
/** Visible ASCII and inner spaces: what a header value can carry as it is. */
const HEADER_SAFE = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;
const utf8 = new TextEncoder();

/**
 * A header value as the 2026-07-28 transport sends it: as is when it is visible ASCII without
 * surrounding whitespace, else `=?base64?<base64 of UTF-8>?=` (also when it looks like the sentinel).
 *
 * @example
 * encodeHeaderValue("us-west1"); // "us-west1"
 * encodeHeaderValue("Zürich");   // "=?base64?WsO8cmljaA==?="
 */
export function encodeHeaderValue(value: string): string {
  if (HEADER_SAFE.test(value) && !value.startsWith(SENTINEL)) return value;
  return `${SENTINEL}${bytesToBase64(utf8.encode(value))}?=`;
}

/** The modern protocol version a message names in `_meta`, if it is a 2026-07-28 message. */
export function modernVersionOf(payload: JsonRpcPayload): string | undefined {
  if (Array.isArray(payload) || !("method" in payload)) return undefined;
  const meta = isJsonObject(payload.params?._meta) ? payload.params._meta : undefined;
  const version = meta?.[MetaKey.ProtocolVersion];
  return isModernVersion(version) ? version : undefined;
}

/**
 * The routing headers of a 2026-07-28 POST: MCP-Protocol-Version, Mcp-Method, Mcp-Name where the
 * method names something, and Mcp-Param-{Name} for the annotated arguments of tools/call.
 */
export function setModernHeaders(
  headers: Headers,
  message: JsonRpcMessage,
  version: string,
  tools: ToolParamHeaders,
): void {
  headers.set("mcp-protocol-version", version);
  if (!("method" in message)) return;
  headers.set("mcp-method", message.method);
  const field = NAME_SOURCE[message.method];
  const named = field === undefined ? undefined : message.params?.[field];
  if (typeof named === "string") headers.set("mcp-name", encodeHeaderValue(named));
  if (message.method === "tools/call") {
    for (const [name, value] of tools.headersFor(message.params?.name, message.params?.arguments))
      headers.set(name, encodeHeaderValue(value));
  }
}
