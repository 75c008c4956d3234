import {
  ErrorCode,
  idOfInvalid,
  isJsonObject,
  isJsonRpcMessage,
  isJsonRpcRequest,
} from "../../jsonrpc/index.js";
import type { JsonRpcMessage, JsonRpcRequest } from "../../jsonrpc/index.js";
import { MetaKey, isLegacyVersion } from "../../protocol/index.js";
import type { MessageInfo } from "../../transport/index.js";
import { isPromiseLike } from "../../util/maybe-promise.js";
import type { MaybePromise } from "../../util/maybe-promise.js";
import { ExchangeTransport } from "./exchange-transport.js";
import type { HttpReply, HttpRequestView } from "./exchange.js";
import type { RequestExtras } from "./fetch-handler.js";
import { checkContentType, checkPostAccept } from "./guards.js";
import type { HandlerContext } from "./handler-context.js";
import { serveModernExchange } from "./modern-exchange.js";
import { checkModernRequest } from "./modern-headers.js";
import { checkParsedBody, readJsonBody } from "./read-body.js";
import { ReplyChannel } from "./reply-channel.js";
import { accepted, badRequest, errorResponse, isReply } from "./responses.js";
import { SessionTransport } from "./session-transport.js";
import { newSessionId, newStreamId } from "./sessions.js";
import type { HttpSession } from "./sessions.js";

/** POST: read the body, then serve it as a 2026-07-28 request or in the legacy session flow. */
export function handlePost(
  ctx: HandlerContext,
  request: HttpRequestView,
  extras: RequestExtras | undefined,
): MaybePromise<HttpReply> {
  const refused = checkContentType(request) ?? checkPostAccept(request);
  if (refused) return refused;
  if (extras?.parsedBody !== undefined) {
    return serveBody(ctx, request, extras, checkParsedBody(extras.parsedBody, ctx.options));
  }
  const body = readJsonBody(request, ctx.options);
  if (isPromiseLike(body)) return body.then((read) => serveBody(ctx, request, extras, read));
  return serveBody(ctx, request, extras, body);
}

function serveBody(
  ctx: HandlerContext,
  request: HttpRequestView,
  extras: RequestExtras | undefined,
  body: { value: unknown } | HttpReply,
): MaybePromise<HttpReply> {
  if (isReply(body)) return body;
  const payload = body.value;
  const valid = validMessages(payload);
  if (!valid) {
    const invalid: unknown = Array.isArray(payload)
      ? (payload as unknown[]).find((item) => !isJsonRpcMessage(item))
      : payload;
    return errorResponse(400, ErrorCode.InvalidRequest, "Invalid Request", idOfInvalid(invalid));
  }
  const info: MessageInfo = extras?.authInfo
    ? { headers: request.headers, authInfo: extras.authInfo }
    : { headers: request.headers };
  // Only POSTs to an HTTP+SSE endpoint carry ?sessionId=: skip parsing the URL of every other one.
  const legacySseSession = request.url.includes("sessionId=")
    ? new URL(request.url).searchParams.get("sessionId")
    : null;
  if (legacySseSession !== null && !request.headers.has("mcp-session-id")) {
    return ctx.legacySse.deliver(legacySseSession, payload, info)
      ? accepted()
      : errorResponse(404, ErrorCode.ConnectionClosed, "Session not found");
  }
  const single = valid.length === 1 && !Array.isArray(payload) ? valid[0] : undefined;
  if (single && isModern(request, single)) return serveModern(ctx, request, single, info);
  return serveLegacy(ctx, request, payload, valid, info);
}

/** The body's messages (one, or a batch's), or undefined when one is invalid or the batch is empty. */
function validMessages(payload: unknown): JsonRpcMessage[] | undefined {
  if (!Array.isArray(payload)) return isJsonRpcMessage(payload) ? [payload] : undefined;
  return payload.length > 0 && payload.every(isJsonRpcMessage) ? payload : undefined;
}

/** REVISIONS.md §1(e): `_meta` protocolVersion or a non-legacy version header means 2026-07-28. */
function isModern(request: HttpRequestView, message: JsonRpcMessage): boolean {
  if (request.headers.has("mcp-session-id")) return false;
  const header = request.headers.get("mcp-protocol-version");
  if (header !== null && !isLegacyVersion(header.trim())) return true;
  const meta = "params" in message && isJsonObject(message.params?._meta) ? message.params._meta : undefined;
  return meta?.[MetaKey.ProtocolVersion] !== undefined;
}

function serveModern(
  ctx: HandlerContext,
  request: HttpRequestView,
  message: JsonRpcMessage,
  info: MessageInfo,
): Promise<HttpReply> | HttpReply {
  if (!isJsonRpcRequest(message)) {
    // 2026-07-28 defines no client notifications over HTTP, and clients never send responses.
    return "method" in message ? accepted() : badRequest("2026-07-28 clients send no responses");
  }
  const refused = checkModernRequest(request, message, ctx.tools);
  if (refused) return refused;
  return serveModernExchange(ctx.server, request, message, info);
}

async function serveLegacy(
  ctx: HandlerContext,
  request: HttpRequestView,
  payload: unknown,
  messages: JsonRpcMessage[],
  info: MessageInfo,
): Promise<HttpReply> {
  const mode = ctx.options.legacy ?? "stateful";
  const initialize = messages.length === 1 && !Array.isArray(payload) && isInitialize(messages[0]);
  if (mode === "reject") {
    return errorResponse(
      400,
      ErrorCode.UnsupportedProtocolVersion,
      "This server speaks 2026-07-28 only",
      null,
      {
        supported: ["2026-07-28"],
      },
    );
  }
  const version = request.headers.get("mcp-protocol-version")?.trim();
  if (!initialize && version !== undefined && !isLegacyVersion(version)) {
    return badRequest(`Unsupported MCP-Protocol-Version: ${version}`);
  }
  const requests = messages.filter(isJsonRpcRequest);
  if (mode === "stateless") {
    const assumeLegacy = initialize ? undefined : { protocolVersion: version ?? "2025-03-26" };
    return serveExchange(ctx, payload, requests, info, assumeLegacy);
  }
  if (initialize) return startSession(ctx, messages[0] as JsonRpcRequest, info);
  const sessionId = request.headers.get("mcp-session-id");
  if (sessionId === null) return badRequest("Mcp-Session-Id header is required");
  const session = ctx.sessions.get(sessionId);
  if (!session) return errorResponse(404, ErrorCode.ConnectionClosed, "Session not found");
  return serveInSession(ctx, session, payload, requests, info);
}

function isInitialize(message: JsonRpcMessage | undefined): message is JsonRpcRequest {
  return message !== undefined && isJsonRpcRequest(message) && message.method === "initialize";
}

async function serveExchange(
  ctx: HandlerContext,
  payload: unknown,
  requests: JsonRpcRequest[],
  info: MessageInfo,
  assumeLegacy: { protocolVersion: string } | undefined,
): Promise<HttpReply> {
  const reply = new ReplyChannel({
    requestIds: requests.map((request) => request.id),
    mode: ctx.options.jsonResponse ? "json" : "auto",
    batch: Array.isArray(payload),
    onDone: () => void transport.close(),
  });
  const transport = new ExchangeTransport(payload, info, reply);
  await ctx.server.connect(transport, assumeLegacy ? { assumeLegacy } : undefined);
  if (requests.length > 0) return reply.response;
  void transport.close();
  return accepted();
}

async function startSession(
  ctx: HandlerContext,
  message: JsonRpcRequest,
  info: MessageInfo,
): Promise<HttpReply> {
  const id = newSessionId();
  // The transport tells the table when it closes: no promise reaction kept per idle session.
  const transport = new SessionTransport(id, ctx.store, () => ctx.sessions.delete(id));
  const connection = await ctx.server.connect(transport);
  const session: HttpSession = { id, transport, connection, streams: undefined, lastSeen: Date.now() };
  ctx.sessions.add(session);
  const response = await serveInSession(ctx, session, message, [message], info, { "mcp-session-id": id });
  // A failed initialize leaves no session behind.
  if (connection.era !== "legacy") ctx.sessions.delete(id);
  return response;
}

function serveInSession(
  ctx: HandlerContext,
  session: HttpSession,
  payload: unknown,
  requests: JsonRpcRequest[],
  info: MessageInfo,
  headers?: Readonly<Record<string, string>>,
): Promise<HttpReply> | HttpReply {
  const ids = requests.map((request) => request.id);
  if (ids.length === 0) {
    session.transport.deliver(payload, info, undefined, ids);
    return accepted();
  }
  const streamId = newStreamId(session.id);
  const resumable =
    ctx.store && !ctx.options.jsonResponse ? { store: ctx.store, streamId, retryMs: ctx.retryMs } : undefined;
  const reply = new ReplyChannel({
    requestIds: ids,
    mode: ctx.options.jsonResponse ? "json" : "auto",
    batch: Array.isArray(payload),
    ...(headers ? { headers } : {}),
    ...(resumable ? { resumable } : {}),
    onDone: () => {
      session.streams?.delete(streamId);
      if (session.streams?.size === 0) session.streams = undefined;
    },
  });
  (session.streams ??= new Map()).set(streamId, reply);
  const withCloseStream: MessageInfo = Object.assign({}, info, {
    closeStream: () => reply.closeConnection(),
  });
  session.transport.deliver(payload, withCloseStream, reply, ids);
  return reply.response;
}
