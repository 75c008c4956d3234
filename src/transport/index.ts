export type { MessageInfo, SendOptions, Transport, TransportHandlers } from "./transport.js";
export { createMemoryTransportPair } from "./memory.js";
