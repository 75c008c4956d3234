// The root entry of mcpkit: named re-exports only. Runtime-neutral: no Node built-ins below here.
export { Client, ClientGroup, NotificationStream } from "./client/index.js";
export type {
  ChangeNotification,
  ListenFilter,
  ClientGroupOptions,
  ClientNotificationHandler,
  ClientOptions,
  ClientRequestContext,
  ClientRequestHandler,
  Origin,
} from "./client/index.js";
export {
  BinaryContent,
  Context,
  McpServer,
  PendingPromptMessage,
  Server,
  ToolError,
  assistant,
  audio,
  embeddedResource,
  file,
  image,
  isBinaryContent,
  isContentBlock,
  resourceLink,
  text,
  toContentBlocks,
  toPromptMessages,
  user,
} from "./server/index.js";
export type {
  BinaryOptions,
  BinarySource,
  Completer,
  CoreHandlers,
  ElicitOutcome,
  ElicitSchema,
  Lifespan,
  LogLevel,
  McpServerOptions,
  MethodCall,
  Middleware,
  NotificationHandler,
  PromptConfig,
  PromptHandler,
  RegisteredHandle,
  RequestContext,
  RequestHandler,
  RequestStateOptions,
  ResourceConfig,
  ResourceHandler,
  SampleOptions,
  ServerOptions,
  ToolConfig,
  ToolHandler,
} from "./server/index.js";
export type { InferInput, InferOutput, JsonSchema, SchemaLike, StandardSchemaV1 } from "./schema/index.js";
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
  createEraMemory,
  isResourceNotFound,
  processEraMemory,
  resourceNotFound,
} from "./protocol/index.js";
export type {
  ClientMethod,
  ClientParams,
  ClientResult,
  Era,
  EraMemory,
  EraMode,
  HandlerResult,
  Implementation,
  RememberedEra,
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
