import type { JsonObject } from "../jsonrpc/index.js";
import type { Spec2025_11_25 as Legacy, Spec2026_07_28 as Modern } from "../spec/index.js";

/*
 * One view of the methods across both eras, for typing handlers and calls: a method's params are
 * those of the newest revision that has it, and its result may be either era's shape. Custom
 * methods (any other string) take and return plain objects.
 */

type LegacyRequests = Legacy.ClientRequests;
type ModernRequests = Modern.ClientRequests;

/** Every request method a client may send, in any revision mcpkit speaks. */
export type ClientMethod = keyof LegacyRequests | keyof ModernRequests;

/** Every request method a (legacy) server may send to a client. */
export type ServerMethod = keyof Legacy.ServerRequests;

/**
 * The params of a client request; `undefined` where the spec makes them optional. `_meta` is
 * always optional: the client fills in the 2026 keys, and legacy requests carry none.
 */
export type ClientParams<M extends string> = M extends keyof ModernRequests
  ? WithOptionalMeta<ParamsOf<ModernRequests[M]>>
  : M extends keyof LegacyRequests
    ? ParamsOf<LegacyRequests[M]>
    : JsonObject | undefined;

/**
 * The result a client receives for a request, in either era's shape. Never `input_required`: the
 * Client answers those rounds itself and resolves with the final result.
 */
export type ClientResult<M extends string> = M extends ClientMethod
  ? | (M extends keyof LegacyRequests ? LegacyRequests[M]["result"] : never)
    | (M extends keyof ModernRequests ? WithoutInputRequired<ModernRequests[M]["result"]> : never)
  : JsonObject;

/** Drops InputRequiredResult itself (compared both ways: every modern result is assignable to it). */
type WithoutInputRequired<R> = R extends Modern.InputRequiredResult
  ? Modern.InputRequiredResult extends R
    ? never
    : R
  : R;

/**
 * What a server handler may return for a request: either era's result, with the 2026 bookkeeping
 * (`resultType`, `ttlMs`, `cacheScope`) optional because the protocol layer fills it in.
 */
export type HandlerResult<M extends string> = M extends ClientMethod
  ? | (M extends keyof LegacyRequests ? LegacyRequests[M]["result"] : never)
    | (M extends keyof ModernRequests ? WithOptionalBookkeeping<ModernRequests[M]["result"]> : never)
  : JsonObject;

/** The params of a server-to-client request (legacy era). */
export type ServerParams<M extends string> = M extends ServerMethod
  ? ParamsOf<Legacy.ServerRequests[M]>
  : JsonObject | undefined;

/** What a client returns for a server-to-client request. */
export type ServerResult<M extends string> = M extends ServerMethod
  ? Legacy.ServerRequests[M]["result"]
  : JsonObject;

type ParamsOf<Entry> = Entry extends { params: infer P }
  ? P
  : Entry extends { params?: infer P }
    ? P | undefined
    : undefined;

type WithOptionalMeta<P> = P extends { _meta: infer Meta } ? Omit<P, "_meta"> & { _meta?: Partial<Meta> } : P;

type Bookkeeping = "resultType" | "ttlMs" | "cacheScope";
type WithOptionalBookkeeping<R> = R extends unknown
  ? Omit<R, Bookkeeping> & { resultType?: string; ttlMs?: number; cacheScope?: "public" | "private" }
  : never;
