export { Server } from "./server.js";
export type { CoreHandlers, NotificationHandler, RequestHandler, ServerOptions } from "./server.js";
export type { RequestContext } from "./request-context.js";
export { deriveCapabilities } from "./capabilities.js";
