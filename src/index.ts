// The root entry of mcpkit: named re-exports only.
export { Client } from "./client/index.js";
export type { ClientNotificationHandler, ClientOptions, ClientRequestHandler } from "./client/index.js";
export { Server } from "./server/index.js";
export type {
  CoreHandlers,
  NotificationHandler,
  RequestContext,
  RequestHandler,
  ServerOptions,
} from "./server/index.js";
export { ErrorCode, McpError, SdkError, SdkErrorCode } from "./jsonrpc/index.js";
export type { JsonObject, JsonRpcMessage, JsonRpcPayload, RequestId } from "./jsonrpc/index.js";
export { createMemoryTransportPair } from "./transport/index.js";
export type { MessageInfo, SendOptions, Transport, TransportHandlers } from "./transport/index.js";
export type { Progress, RequestOptions } from "./session/index.js";
export {
  LATEST_LEGACY_VERSION,
  LATEST_MODERN_VERSION,
  LEGACY_PROTOCOL_VERSIONS,
  MODERN_PROTOCOL_VERSIONS,
  MetaKey,
  ServerConnection,
} from "./protocol/index.js";
export type {
  ClientMethod,
  ClientParams,
  ClientResult,
  Era,
  EraMode,
  HandlerResult,
  Implementation,
  ServerMethod,
  ServerParams,
  ServerResult,
} from "./protocol/index.js";
export { ALL_PROTOCOL_VERSIONS } from "./spec/index.js";
export type {
  ProtocolVersion,
  Spec2024_11_05,
  Spec2025_03_26,
  Spec2025_06_18,
  Spec2025_11_25,
  Spec2026_07_28,
} from "./spec/index.js";
