export { Client } from "./client.js";
export type {
  ClientNotificationHandler,
  ClientOptions,
  ClientRequestContext,
  ClientRequestHandler,
} from "./client.js";
export { NotificationStream } from "./listen.js";
export type { ChangeNotification, ListenFilter } from "./listen.js";
