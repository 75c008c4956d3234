export { Client } from "./client.js";
export type { ClientNotificationHandler, ClientOptions, ClientRequestHandler } from "./client.js";
