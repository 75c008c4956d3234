import { ErrorCode } from "./codes.js";
import type { JsonRpcErrorObject } from "./message.js";

/**
 * An error that travels on the wire: a JSON-RPC code, a message and optional data.
 * Throw it from a handler to answer with exactly that error.
 *
 * @example
 * throw new McpError(ErrorCode.InvalidParams, "Unknown prompt: foo");
 */
export class McpError extends Error {
  override readonly name = "McpError";
  readonly code: number;
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    this.data = data;
  }

  /** The error member of a JSON-RPC error response. */
  toJson(): JsonRpcErrorObject {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }

  /** Rebuilds an McpError from a received error object. */
  static fromJson(error: JsonRpcErrorObject): McpError {
    return new McpError(error.code, error.message, error.data);
  }
}

/** String codes of local failures: nothing was received from the peer that says so. */
export const SdkErrorCode = {
  Timeout: "timeout",
  Closed: "closed",
  Aborted: "aborted",
  NotConnected: "not_connected",
  AlreadyConnected: "already_connected",
  Transport: "transport",
  Protocol: "protocol",
  Capability: "capability",
  /** The server no longer knows the legacy session (HTTP 404): initialize again. */
  SessionExpired: "session_expired",
} as const;

export type SdkErrorCode = (typeof SdkErrorCode)[keyof typeof SdkErrorCode];

/**
 * A local failure (timeout, connection closed, aborted, ...). Never sent on the wire as such.
 *
 * @example
 * if (err instanceof SdkError && err.code === SdkErrorCode.Timeout) retry();
 */
export class SdkError extends Error {
  override readonly name = "SdkError";
  readonly code: SdkErrorCode;

  constructor(code: SdkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * The one normaliser for anything a handler threw: an McpError goes out as it is; anything else
 * is masked as an internal error so that no stack, path or secret leaks to the peer.
 */
export function toWireError(error: unknown): JsonRpcErrorObject {
  if (error instanceof McpError) return error.toJson();
  return { code: ErrorCode.InternalError, message: "Internal error" };
}

/**
 * The first error along `error`'s `cause` chain (itself included) that `test` accepts, looking at
 * most 8 deep: wrappers such as "Could not send" keep the transport's own error as their cause.
 *
 * @example
 * const expired = findCause(error, (e) => e instanceof SdkError && e.code === SdkErrorCode.SessionExpired);
 */
export function findCause<T extends Error>(error: unknown, test: (error: Error) => error is T): T | undefined;
export function findCause(error: unknown, test: (error: Error) => boolean): Error | undefined;
export function findCause(error: unknown, test: (error: Error) => boolean): Error | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    if (test(current)) return current;
    current = current.cause;
  }
  return undefined;
}
