export { Client } from "./client.js";
export type {
  ClientNotificationHandler,
  ClientOptions,
  ClientRequestContext,
  ClientRequestHandler,
} from "./client.js";
export { NotificationStream } from "./listen.js";
export type { ChangeNotification, ListenFilter } from "./listen.js";
export { ClientGroup } from "./client-group.js";
export type { ClientGroupOptions, Origin } from "./client-group.js";
