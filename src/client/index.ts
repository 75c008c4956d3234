export { Client } from "./client.js";
export type {
  ClientNotificationHandler,
  ClientOptions,
  ClientRequestContext,
  ClientRequestHandler,
} from "./client.js";
