export type * from "./message.js";
export { ErrorCode, MODERN_ERROR_CODES } from "./codes.js";
export { McpError, SdkError, SdkErrorCode, findCause, toWireError } from "./errors.js";
export {
  idOfInvalid,
  isJsonObject,
  isJsonRpcErrorResponse,
  isJsonRpcMessage,
  isJsonRpcNotification,
  isJsonRpcRequest,
  isJsonRpcResponse,
  isJsonRpcResultResponse,
  isRequestId,
} from "./guards.js";
export { errorResponse, notification, request, resultResponse } from "./build.js";
