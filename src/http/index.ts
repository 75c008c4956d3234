export { createMcpHandler } from "./server/handler.js";
export type { FetchHandler, RequestExtras } from "./server/fetch-handler.js";
export type { McpHandlerOptions } from "./server/options.js";
export type { HttpServable } from "./server/connectable.js";
export type { GuardOptions } from "./server/guards.js";
export type { BodyLimits } from "./server/read-body.js";
export type { SessionLimits } from "./server/sessions.js";
export { decodeHeaderValue } from "./server/modern-headers.js";
export { createMemoryEventStore } from "../store/index.js";
export type { EventStore, MemoryEventStoreOptions, ReplayedStream, StoredEvent } from "../store/index.js";
export type { CorsOptions } from "./server/cors.js";
export { createStreamableHttpClientTransport } from "./client/streamable-http.js";
export type { StreamableHttpClientTransport } from "./client/streamable-http.js";
export { createSseClientTransport } from "./client/sse-client.js";
export { createHttpClientTransport } from "./client/http-client.js";
export type {
  HttpClientTransport,
  HttpClientTransportOptions,
  HttpTransportKind,
} from "./client/http-client.js";
export type { SseClientOptions, SseClientTransport } from "./client/sse-client.js";
export type {
  HttpClientOptions,
  HeadersOption,
  ReconnectOptions,
  StreamableHttpClientOptions,
} from "./client/options.js";
export { HttpStatusError, httpStatusOf } from "./client/http-error.js";
export type { HttpStatusDetails } from "./client/http-error.js";
export { createSseParser } from "./client/sse-parser.js";
export type { SseEvent, SseParser, SseParserOptions } from "./client/sse-parser.js";
export { encodeHeaderValue } from "./client/request-headers.js";
