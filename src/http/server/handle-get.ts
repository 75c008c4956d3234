import { ErrorCode } from "../../jsonrpc/index.js";
import type { HttpReply, HttpRequestView } from "./exchange.js";
import { acceptsEventStream } from "./guards.js";
import type { HandlerContext } from "./handler-context.js";
import { errorResponse, methodNotAllowed } from "./responses.js";
import type { HttpSession } from "./sessions.js";
import { SseStream } from "./sse.js";

/**
 * GET: a legacy session's standalone stream, the resumption of a dropped stream (Last-Event-ID),
 * or, without a session, the 2024-11-05 HTTP+SSE transport. 2026-07-28 has no GET (405).
 */
export async function handleGet(ctx: HandlerContext, request: HttpRequestView): Promise<HttpReply> {
  // Without legacy sessions there is no GET at all, with or without an Mcp-Session-Id (§1(c)).
  if (!hasSessions(ctx)) return methodNotAllowed("POST");
  if (!acceptsEventStream(request)) {
    return errorResponse(
      406,
      ErrorCode.ConnectionClosed,
      "Not Acceptable: Accept must include text/event-stream",
    );
  }
  const sessionId = request.headers.get("mcp-session-id");
  if (sessionId === null) {
    if (ctx.options.legacySse === false) return methodNotAllowed("POST");
    return ctx.legacySse.open(request, ctx.server);
  }
  const session = ctx.sessions.get(sessionId);
  if (!session) return errorResponse(404, ErrorCode.ConnectionClosed, "Session not found");
  const lastEventId = request.headers.get("last-event-id");
  if (lastEventId !== null) return resume(ctx, session, lastEventId);
  if (session.transport.standaloneOpen) {
    return errorResponse(409, ErrorCode.ConnectionClosed, "Conflict: this session already has a GET stream");
  }
  const sse = new SseStream();
  if (ctx.store) {
    const id = await ctx.store.append(session.transport.standaloneStreamId, "");
    sse.send({ id, data: "", retry: ctx.retryMs });
  }
  await session.transport.openStandalone(sse);
  return sse.toReply();
}

/** Replays the stream the event id belongs to, then keeps the new connection on it if it is live. */
async function resume(ctx: HandlerContext, session: HttpSession, lastEventId: string): Promise<HttpReply> {
  const replay = ctx.store ? await ctx.store.replayAfter(lastEventId) : undefined;
  if (!replay || !replay.streamId.startsWith(session.id)) {
    return errorResponse(404, ErrorCode.ConnectionClosed, "Unknown or expired Last-Event-ID");
  }
  const sse = new SseStream();
  const live = session.streams?.get(replay.streamId);
  if (live && !live.done) {
    await live.resume(sse, lastEventId);
    return sse.toReply();
  }
  for (const event of replay.events)
    if (event.message !== "") sse.send({ id: event.id, event: "message", data: event.message });
  if (replay.streamId === session.transport.standaloneStreamId) await session.transport.openStandalone(sse);
  else {
    sse.close();
    void ctx.store?.dropStream(replay.streamId);
  }
  return sse.toReply();
}

/** Legacy clients get sessions (and so GET streams and DELETE) only in the default "stateful" mode. */
export function hasSessions(ctx: HandlerContext): boolean {
  return (ctx.options.legacy ?? "stateful") === "stateful";
}
