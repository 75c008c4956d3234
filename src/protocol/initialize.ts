import { ErrorCode, McpError, isJsonObject } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";
import { isImplementation } from "./implementation.js";
import type { Implementation, ServerIdentity } from "./implementation.js";
import { negotiateLegacyVersion } from "./versions.js";
import type { LegacyProtocolVersion } from "./versions.js";

/** What a legacy client established with `initialize`. */
export interface LegacyHandshake {
  readonly protocolVersion: LegacyProtocolVersion;
  readonly clientCapabilities: JsonObject;
  readonly clientInfo: Implementation;
  readonly result: JsonObject;
}

/**
 * Answers `initialize`: checks the params, picks the version (the client's when supported, else
 * our newest legacy one as the counter-offer) and builds the InitializeResult.
 */
export function answerInitialize(params: JsonObject | undefined, identity: ServerIdentity): LegacyHandshake {
  const requested = params?.protocolVersion;
  if (typeof requested !== "string") {
    throw new McpError(ErrorCode.InvalidParams, "initialize: protocolVersion must be a string");
  }
  const clientInfo = params?.clientInfo;
  if (!isImplementation(clientInfo)) {
    throw new McpError(ErrorCode.InvalidParams, "initialize: clientInfo must have a name and a version");
  }
  const capabilities = params?.capabilities;
  if (capabilities !== undefined && !isJsonObject(capabilities)) {
    throw new McpError(ErrorCode.InvalidParams, "initialize: capabilities must be an object");
  }
  const protocolVersion = negotiateLegacyVersion(requested);
  const result: JsonObject = {
    protocolVersion,
    capabilities: identity.capabilities,
    serverInfo: identity.serverInfo,
  };
  if (identity.instructions !== undefined) result.instructions = identity.instructions;
  return { protocolVersion, clientCapabilities: capabilities ?? {}, clientInfo, result };
}
