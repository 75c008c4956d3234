import {
  McpError,
  MODERN_ERROR_CODES,
  ErrorCode,
  SdkError,
  SdkErrorCode,
  isJsonObject,
} from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";
import type { Session } from "../session/index.js";
import { isImplementation } from "./implementation.js";
import type { Implementation } from "./implementation.js";
import { MetaKey } from "./meta-keys.js";
import {
  LATEST_LEGACY_VERSION,
  MODERN_PROTOCOL_VERSIONS,
  isLegacyVersion,
  isModernVersion,
} from "./versions.js";
import type { Era, ModernProtocolVersion } from "./versions.js";
import type { RememberedEra } from "./era-memory.js";

/** Who the client is: sent in initialize (legacy) or in every request's `_meta` (modern). */
export interface ClientIdentity {
  readonly clientInfo: Implementation;
  readonly capabilities: JsonObject;
  /** 2026-07-28: the log level sent with every request (it replaced logging/setLevel). */
  readonly logLevel?: string | undefined;
}

/** How the client picks an era: probe and fall back (auto), or insist on one. */
export type EraMode = "auto" | "legacy" | "modern";

/** What the client learned about the server while connecting. */
export interface NegotiatedServer {
  readonly era: Era;
  readonly protocolVersion: string;
  readonly capabilities: JsonObject;
  readonly serverInfo: Implementation | undefined;
  readonly instructions: string | undefined;
}

export interface NegotiationOptions {
  readonly mode: EraMode;
  /** How long the modern probe may take before the server counts as legacy. */
  readonly probeTimeoutMs: number;
  readonly requestTimeoutMs?: number | undefined;
  /** What an earlier connect learned about this server (auto mode): skips the probe or its retry. */
  readonly remembered?: RememberedEra | undefined;
}

/** Puts the 2026-07-28 per-request client facts into a request's `_meta`. */
export function withModernMeta(
  params: JsonObject | undefined,
  version: string,
  identity: ClientIdentity,
): JsonObject {
  const meta = isJsonObject(params?._meta) ? params._meta : undefined;
  // Object.assign and plain stores, not `{ ...x, key }`: Node 20 makes those copies slow, and
  // this runs for every modern request.
  const modern: JsonObject = meta ? Object.assign({}, meta) : {};
  modern[MetaKey.ProtocolVersion] = version;
  modern[MetaKey.ClientCapabilities] = identity.capabilities;
  modern[MetaKey.ClientInfo] = identity.clientInfo;
  if (identity.logLevel !== undefined && modern[MetaKey.LogLevel] === undefined)
    modern[MetaKey.LogLevel] = identity.logLevel;
  const withMeta: JsonObject = params ? Object.assign({}, params) : {};
  withMeta._meta = modern;
  return withMeta;
}

/**
 * Connects in the requested era. In auto mode it probes `server/discover` first (REVISIONS.md
 * §1(e)): a result or a recognised modern error means modern; any other error or a timeout
 * means legacy, and `initialize` follows. The fallback never keys on one specific error code.
 */
export async function negotiate(
  session: Session,
  identity: ClientIdentity,
  options: NegotiationOptions,
): Promise<NegotiatedServer> {
  if (options.mode === "legacy") return initialize(session, identity, options);
  const remembered = options.mode === "auto" ? options.remembered : undefined;
  if (remembered?.era === "legacy") {
    try {
      return await initialize(session, identity, options);
    } catch (error) {
      // The server refused initialize: it changed since we met it, so probe afresh.
      if (!(error instanceof McpError)) throw error;
    }
  }
  const first = isModernVersion(remembered?.protocolVersion)
    ? remembered.protocolVersion
    : MODERN_PROTOCOL_VERSIONS[0];
  try {
    return await discover(session, identity, first, options);
  } catch (error) {
    if (options.mode === "modern" || !isLegacyEvidence(error)) throw error;
    return initialize(session, identity, options);
  }
}

/** Errors that mean "this server is not modern": anything but a recognised modern error or a local close. */
function isLegacyEvidence(error: unknown): boolean {
  if (error instanceof McpError) return !MODERN_ERROR_CODES.has(error.code);
  return error instanceof SdkError && error.code === SdkErrorCode.Timeout;
}

async function discover(
  session: Session,
  identity: ClientIdentity,
  version: ModernProtocolVersion,
  options: NegotiationOptions,
  retried = false,
): Promise<NegotiatedServer> {
  let result: JsonObject;
  try {
    result = await session.request("server/discover", withModernMeta(undefined, version, identity), {
      timeoutMs:
        options.mode === "modern"
          ? (options.requestTimeoutMs ?? options.probeTimeoutMs)
          : options.probeTimeoutMs,
    });
  } catch (error) {
    const retryWith = retried ? undefined : commonVersionFrom(error);
    // One retry, even with the same version: a server may refuse a request, not the version.
    if (retryWith) return discover(session, identity, retryWith, options, true);
    throw error;
  }
  // A result without supportedVersions is no DiscoverResult: a legacy server answering anything.
  if (!Array.isArray(result.supportedVersions)) {
    throw new McpError(ErrorCode.MethodNotFound, "server/discover answered without supportedVersions");
  }
  const supported = result.supportedVersions;
  const chosen = MODERN_PROTOCOL_VERSIONS.find((candidate) => supported.includes(candidate));
  if (!chosen) {
    throw new SdkError(
      SdkErrorCode.Protocol,
      `No common modern protocol version (server supports ${supported.join(", ")})`,
    );
  }
  const meta = isJsonObject(result._meta) ? result._meta : undefined;
  // serverInfo moved from the body into _meta late in 2026 (spec PR #3002); accept both.
  const serverInfo = meta?.[MetaKey.ServerInfo] ?? result.serverInfo;
  return {
    era: "modern",
    protocolVersion: chosen,
    capabilities: isJsonObject(result.capabilities) ? result.capabilities : {},
    serverInfo: isImplementation(serverInfo) ? serverInfo : undefined,
    instructions: typeof result.instructions === "string" ? result.instructions : undefined,
  };
}

/** From a -32022 answer, the newest modern version both sides support. */
function commonVersionFrom(error: unknown): ModernProtocolVersion | undefined {
  if (!(error instanceof McpError) || error.code !== ErrorCode.UnsupportedProtocolVersion) return undefined;
  const data = error.data;
  const supported = isJsonObject(data) && Array.isArray(data.supported) ? data.supported : [];
  return MODERN_PROTOCOL_VERSIONS.find(
    (candidate) => supported.includes(candidate) && isModernVersion(candidate),
  );
}

async function initialize(
  session: Session,
  identity: ClientIdentity,
  options: NegotiationOptions,
): Promise<NegotiatedServer> {
  const requestOptions =
    options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs };
  const result = await session.request(
    "initialize",
    {
      protocolVersion: LATEST_LEGACY_VERSION,
      capabilities: identity.capabilities,
      clientInfo: identity.clientInfo,
    },
    requestOptions,
  );
  const version = result.protocolVersion;
  if (!isLegacyVersion(version)) {
    throw new SdkError(
      SdkErrorCode.Protocol,
      `Server offered an unsupported protocol version: ${String(version)}`,
    );
  }
  await session.notify("notifications/initialized");
  return {
    era: "legacy",
    protocolVersion: version,
    capabilities: isJsonObject(result.capabilities) ? result.capabilities : {},
    serverInfo: isImplementation(result.serverInfo) ? result.serverInfo : undefined,
    instructions: typeof result.instructions === "string" ? result.instructions : undefined,
  };
}
