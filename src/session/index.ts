export { Session } from "./session.js";
export type { SessionHandlers } from "./session.js";
export { InboundRequest } from "./inbound-request.js";
export type { Outbound } from "./inbound-request.js";
export { DEFAULT_REQUEST_TIMEOUT_MS } from "./pending-request.js";
export type { Progress, RequestOptions } from "./pending-request.js";
