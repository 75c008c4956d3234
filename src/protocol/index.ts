export * from "./versions.js";
export { MetaKey, CACHEABLE_METHODS, LEGACY_ONLY_METHODS } from "./meta-keys.js";
export { isImplementation } from "./implementation.js";
export type { Implementation, ServerIdentity } from "./implementation.js";
export { hasModernMeta, missingClientCapability, readModernMeta, toModernResult } from "./modern-request.js";
export type { ModernRequestMeta } from "./modern-request.js";
export { answerInitialize } from "./initialize.js";
export type { LegacyHandshake } from "./initialize.js";
export { ServerConnection } from "./server-connection.js";
export { serveModernRequest } from "./modern-dispatch.js";
export type { ConnectionOptions, ServerDispatch, ServerRequest } from "./server-connection.js";
export { createEraMemory, processEraMemory } from "./era-memory.js";
export type { EraMemory, RememberedEra } from "./era-memory.js";
export { negotiate, withModernMeta } from "./client-negotiation.js";
export type { ClientIdentity, EraMode, NegotiatedServer, NegotiationOptions } from "./client-negotiation.js";
export type {
  ClientMethod,
  ClientParams,
  ClientResult,
  HandlerResult,
  ServerMethod,
  ServerParams,
  ServerResult,
} from "./method-map.js";
export { isResourceNotFound, resourceNotFound } from "./errors.js";
