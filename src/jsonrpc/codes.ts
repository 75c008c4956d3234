/**
 * Error codes used on the wire, standard JSON-RPC and MCP-specific (REVISIONS.md §1.5).
 * The 2026-07-28 revision reserves -32020..-32099 for the spec; nothing else may be emitted there.
 */
export const ErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  /** Implementation-defined server error band (legacy); used for "session not found" etc. */
  ConnectionClosed: -32000,
  RequestTimeout: -32001,
  /** Resource not found, 2024-11-05 .. 2025-11-25; 2026-07-28 uses InvalidParams instead. */
  ResourceNotFound: -32002,
  /** URL elicitation required, 2025-11-25 only. */
  UrlElicitationRequired: -32042,
  /** 2026-07-28: an HTTP header does not match the body (HTTP 400). */
  HeaderMismatch: -32020,
  /** 2026-07-28: the request needs a client capability it did not declare (HTTP 400). */
  MissingRequiredClientCapability: -32021,
  /** 2026-07-28: the requested protocol version is not supported; data lists the supported ones. */
  UnsupportedProtocolVersion: -32022,
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes a 2026-07-28 peer recognises as "this is a modern server", used by the era probe. */
export const MODERN_ERROR_CODES: ReadonlySet<number> = new Set([
  ErrorCode.HeaderMismatch,
  ErrorCode.MissingRequiredClientCapability,
  ErrorCode.UnsupportedProtocolVersion,
]);
