import type { ClientParams, HandlerResult as ProtocolHandlerResult } from "../protocol/index.js";

/** The params a handler of method M receives (as sent: the low-level server does not validate them). */
export type HandlerParams<M extends string> = ClientParams<M>;

/** What a handler of method M returns. */
export type HandlerResult<M extends string> = ProtocolHandlerResult<M>;
