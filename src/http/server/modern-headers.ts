import { ErrorCode, isJsonObject } from "../../jsonrpc/index.js";
import type { JsonRpcRequest } from "../../jsonrpc/index.js";
import { MetaKey } from "../../protocol/index.js";
import type { HttpReply } from "./exchange.js";
import { errorResponse } from "./responses.js";

/** What the handler knows of a tool, to check its `Mcp-Param-*` headers (SEP-2243). */
export type ToolLookup = (name: string) => { inputSchema: unknown } | undefined;

const NAMED_BY: Readonly<Record<string, "name" | "uri">> = {
  "tools/call": "name",
  "prompts/get": "name",
  "resources/read": "uri",
};

/**
 * The 2026-07-28 request checks done before dispatch: the required `_meta` keys (400 -32602),
 * then every routing header against the body (400 -32020): MCP-Protocol-Version, Mcp-Method,
 * Mcp-Name, and the Mcp-Param-{Name} headers of tool properties marked `x-mcp-header`.
 */
export function checkModernRequest(
  request: { readonly headers: Headers },
  message: JsonRpcRequest,
  tools: ToolLookup | undefined,
): HttpReply | undefined {
  const id = message.id;
  const meta = isJsonObject(message.params?._meta) ? message.params._meta : undefined;
  const version = meta?.[MetaKey.ProtocolVersion];
  if (typeof version !== "string" || !isJsonObject(meta?.[MetaKey.ClientCapabilities])) {
    const missing = typeof version !== "string" ? MetaKey.ProtocolVersion : MetaKey.ClientCapabilities;
    return errorResponse(400, ErrorCode.InvalidParams, `Missing required _meta "${missing}"`, id);
  }
  const headers = request.headers;
  if (headers.get("mcp-protocol-version")?.trim() !== version)
    return mismatch(id, "MCP-Protocol-Version must equal _meta protocolVersion");
  if (headers.get("mcp-method")?.trim() !== message.method)
    return mismatch(id, "Mcp-Method must equal the body's method");
  const field = NAMED_BY[message.method];
  const name = headers.get("mcp-name");
  if (field && (name === null || decodeHeaderValue(name.trim()) !== message.params?.[field])) {
    return mismatch(id, `Mcp-Name must equal params.${field}`);
  }
  if (message.method === "tools/call" && tools && typeof message.params?.name === "string") {
    const problem = checkParamHeaders(
      headers,
      tools(message.params.name)?.inputSchema,
      message.params.arguments,
    );
    if (problem) return mismatch(id, problem);
  }
  return undefined;
}

/** 400 -32020: a routing header does not say what the body says. */
function mismatch(id: JsonRpcRequest["id"], what: string): HttpReply {
  return errorResponse(400, ErrorCode.HeaderMismatch, `Header mismatch: ${what}`, id);
}

/** A tool's `x-mcp-header` parameters: [property, header name] pairs. */
type HeaderParams = readonly (readonly [property: string, name: string])[];

/** Per published input schema (stable per tool): most have no header parameters, found once. */
const headerParamsOf = new WeakMap<object, HeaderParams>();

function headerParams(inputSchema: unknown): HeaderParams {
  if (!isJsonObject(inputSchema)) return [];
  let params = headerParamsOf.get(inputSchema);
  if (params) return params;
  const properties = isJsonObject(inputSchema.properties) ? inputSchema.properties : {};
  params = Object.entries(properties).flatMap(([property, schema]) => {
    const name = isJsonObject(schema) ? schema["x-mcp-header"] : undefined;
    return typeof name === "string" ? [[property, name] as const] : [];
  });
  headerParamsOf.set(inputSchema, params);
  return params;
}

/** Every property annotated `x-mcp-header` must be mirrored exactly by its Mcp-Param header. */
function checkParamHeaders(headers: Headers, inputSchema: unknown, args: unknown): string | undefined {
  const params = headerParams(inputSchema);
  if (params.length === 0) return undefined;
  const values = isJsonObject(args) ? args : {};
  for (const [property, name] of params) {
    const header = headers.get(`mcp-param-${name}`);
    const value = values[property];
    if (value === undefined || value === null) {
      if (header !== null) return `Mcp-Param-${name} is set but arguments.${property} is absent`;
      continue;
    }
    if (header === null) return `Mcp-Param-${name} is required for arguments.${property}`;
    const decoded = decodeHeaderValue(header.trim());
    if (decoded === undefined) return `Mcp-Param-${name} is not valid =?base64?...?= text`;
    const expected = headerForm(value);
    if (decoded !== expected) return `Mcp-Param-${name} must equal arguments.${property}`;
  }
  return undefined;
}

/** How a primitive argument reads in a header (objects are never x-mcp-header parameters). */
function headerForm(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A header value, or the text inside the `=?base64?...?=` wrapper used for unsafe values. */
export function decodeHeaderValue(value: string): string | undefined {
  if (!value.startsWith("=?base64?") || !value.endsWith("?=")) return value;
  const encoded = value.slice(9, -2);
  if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) return undefined;
  try {
    const binary = atob(encoded);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** HTTP status of a 2026-07-28 error answer (REVISIONS.md §1(c), status mapping). */
export function modernErrorStatus(code: number): number {
  if (code === ErrorCode.MethodNotFound) return 404;
  if (
    code === ErrorCode.UnsupportedProtocolVersion ||
    code === ErrorCode.MissingRequiredClientCapability ||
    code === ErrorCode.HeaderMismatch
  ) {
    return 400;
  }
  return 200;
}
