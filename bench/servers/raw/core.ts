import {
  BLOB_TOOL,
  ECHO_TOOL,
  LEGACY_VERSION,
  META_PROTOCOL_VERSION,
  META_SERVER_INFO,
  MODERN_VERSION,
} from "../../protocol.js";
import { reportToBench } from "../report.js";
import { blobText, extraToolCount, manyTexts } from "../tools.js";

/**
 * The ceiling: a hand-written JSON-RPC server that answers initialize, server/discover, ping,
 * tools/list and tools/call with correct shapes for both eras and checks only what it reads.
 * No SDK can do less work per call and still be correct.
 */
type Message = { id?: unknown; method?: unknown; params?: Record<string, unknown> };
export type Answer = {
  jsonrpc: "2.0";
  id: unknown;
  result?: object;
  error?: { code: number; message: string };
};

const SERVER_INFO = { name: "bench-raw", version: "1.0.0" };
const CAPABILITIES = { tools: {} };
const LEGACY_VERSIONS = new Set(["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]);
const stringInput = { type: "object", properties: { text: { type: "string" } }, required: ["text"] };

function buildTools(): object[] {
  const tools: object[] = [
    { name: ECHO_TOOL, description: "Echoes its text", inputSchema: stringInput },
    {
      name: BLOB_TOOL,
      description: "Returns that many bytes of text",
      inputSchema: {
        type: "object",
        properties: { bytes: { type: "integer", minimum: 0 } },
        required: ["bytes"],
      },
    },
  ];
  const count = extraToolCount();
  const { names, descriptions } = manyTexts(count);
  const started = performance.now();
  for (let index = 0; index < count; index++) {
    tools.push({ name: names[index], description: descriptions[index], inputSchema: stringInput });
  }
  if (count > 0) reportToBench({ registerMs: performance.now() - started });
  return tools;
}

const tools = buildTools();
const modernInfo = { [META_SERVER_INFO]: SERVER_INFO };

/** Answers one parsed message; undefined for notifications and responses. */
export function answer(message: unknown): Answer | undefined {
  const { id, method, params } = (message ?? {}) as Message;
  if (id === undefined || typeof method !== "string") return undefined;
  const modern =
    typeof params?._meta === "object" && params._meta !== null && META_PROTOCOL_VERSION in params._meta;
  const result = resultOf(method, params, modern);
  if ("code" in result) return { jsonrpc: "2.0", id, error: result };
  return {
    jsonrpc: "2.0",
    id,
    result: modern ? { ...result, resultType: "complete", _meta: modernInfo } : result,
  };
}

function resultOf(
  method: string,
  params: Record<string, unknown> | undefined,
  modern: boolean,
): object | { code: number; message: string } {
  switch (method) {
    case "tools/call":
      return callTool(params);
    case "tools/list":
      return modern ? { tools, ttlMs: 0, cacheScope: "private" } : { tools };
    case "initialize": {
      const requested = params?.protocolVersion;
      const protocolVersion =
        typeof requested === "string" && LEGACY_VERSIONS.has(requested) ? requested : LEGACY_VERSION;
      return { protocolVersion, capabilities: CAPABILITIES, serverInfo: SERVER_INFO };
    }
    case "server/discover":
      return {
        supportedVersions: [MODERN_VERSION],
        capabilities: CAPABILITIES,
        ttlMs: 0,
        cacheScope: "private",
      };
    case "ping":
      return {};
    default:
      return { code: -32601, message: `Method not found: ${method}` };
  }
}

function callTool(params: Record<string, unknown> | undefined): object | { code: number; message: string } {
  const args = (params?.arguments ?? {}) as Record<string, unknown>;
  if (params?.name === BLOB_TOOL) {
    if (typeof args.bytes !== "number") return { code: -32602, message: "bytes must be a number" };
    return { content: [{ type: "text", text: blobText(args.bytes) }] };
  }
  if (typeof params?.name !== "string" || !(params.name === ECHO_TOOL || params.name.startsWith("tool_"))) {
    return { code: -32602, message: "Unknown tool" };
  }
  if (typeof args.text !== "string") return { code: -32602, message: "text must be a string" };
  return { content: [{ type: "text", text: args.text }] };
}
