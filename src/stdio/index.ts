export { createStdioServerTransport } from "./server-transport.js";
export type { StdioServerTransportOptions } from "./server-transport.js";
export { createStdioClientTransport } from "./client-transport.js";
export type { StdioClientTransport, StdioClientTransportOptions } from "./client-transport.js";
