import { ErrorCode, SdkError, SdkErrorCode, isJsonObject } from "../../jsonrpc/index.js";
import type { JsonObject, JsonRpcRequest, RequestId } from "../../jsonrpc/index.js";
import { SseReader, markAnswered, messageOf } from "./event-stream.js";
import type { ClientContext } from "./event-stream.js";
import { HttpStatusError, errorDetails } from "./http-error.js";
import type { HttpStatusDetails } from "./http-error.js";
import { hasMediaType, reconnectDelay, sleep } from "./options.js";

/** One POST and what its answer must bring. */
export interface Exchange {
  /** The requests in the body (their responses complete the exchange). */
  readonly requests: readonly JsonRpcRequest[];
  /** The method of a single-message body. */
  readonly method: string | undefined;
  /** A 2026-07-28 request: no session, no resumption. */
  readonly modern: boolean;
  readonly signal: AbortSignal;
  /** The session id the POST carried, if any. */
  readonly sessionId: string | undefined;
  /** "POST tools/call", for messages. */
  readonly what: string;
}

/** Statuses that say "this endpoint is not a modern MCP server" when they answer server/discover. */
const NOT_MODERN = new Set([400, 404, 405]);

/**
 * Handles the answer to one POST: JSON or an SSE stream delivered as it arrives (resumed with GET
 * and Last-Event-ID when a legacy stream drops early), or an error status turned into a delivered
 * JSON-RPC error or a rejection. Resolves once every awaited response was delivered.
 */
export async function handleReply(ctx: ClientContext, exchange: Exchange, response: Response): Promise<void> {
  if (!response.ok) return handleFailure(ctx, exchange, response);
  if (exchange.requests.length === 0 || response.status === 202 || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  if (hasMediaType(response, "text/event-stream")) return readReplyStream(ctx, exchange, response.body);
  if (hasMediaType(response, "application/json")) {
    const text = await response.text();
    try {
      ctx.deliver(JSON.parse(text));
    } catch (error) {
      throw new SdkError(SdkErrorCode.Transport, `${exchange.what}: the JSON reply does not parse`, {
        cause: error,
      });
    }
    return;
  }
  await response.body.cancel().catch(() => undefined);
  const type = response.headers.get("content-type") ?? "none";
  throw new SdkError(SdkErrorCode.Transport, `${exchange.what}: unexpected reply Content-Type (${type})`);
}

async function handleFailure(ctx: ClientContext, exchange: Exchange, response: Response): Promise<void> {
  const details = await errorDetails(response);
  const { status } = details;
  if (status === 404 && exchange.sessionId !== undefined) {
    const error = new HttpStatusError(
      exchange.what,
      details,
      `session ${exchange.sessionId} expired or was terminated; a new initialize starts a new one`,
      SdkErrorCode.SessionExpired,
    );
    ctx.report(error);
    throw error;
  }
  // 401/403 and 5xx are not era evidence (REVISIONS.md §1(e)): auth and outages reach the caller.
  if (exchange.requests.length > 0 && status !== 401 && status !== 403 && status < 500) {
    const errors = jsonRpcErrorsIn(details.body);
    if (errors.length > 0) {
      for (const error of errors) deliverError(ctx, exchange, error.id, error.error);
      return;
    }
    if (exchange.method === "server/discover" && NOT_MODERN.has(status)) {
      deliverError(ctx, exchange, null, notModern(details));
      return;
    }
  }
  throw new HttpStatusError(exchange.what, details);
}

/** The probe's legacy evidence, in the form the Client's negotiation understands. */
function notModern(details: HttpStatusDetails): JsonObject {
  return {
    code: ErrorCode.MethodNotFound,
    message: `Method not found: server/discover was answered with HTTP ${details.status} and no JSON-RPC error`,
  };
}

/** An error for one request id, or for every request of the exchange when the server named none. */
function deliverError(ctx: ClientContext, exchange: Exchange, id: unknown, error: JsonObject): void {
  const known = exchange.requests.some((request) => request.id === id);
  const ids: RequestId[] = known ? [id as RequestId] : exchange.requests.map((request) => request.id);
  for (const each of ids) ctx.deliver({ jsonrpc: "2.0", id: each, error });
}

function jsonRpcErrorsIn(body: string): Array<{ id: unknown; error: JsonObject }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  const items = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  return items.flatMap((item) =>
    isJsonObject(item) &&
    isJsonObject(item.error) &&
    typeof item.error.code === "number" &&
    typeof item.error.message === "string"
      ? [{ id: item.id, error: item.error }]
      : [],
  );
}

/**
 * Reads a POST's SSE reply. A legacy stream that ends or breaks before its responses arrived is
 * resumed with GET + Last-Event-ID after the server's `retry` (backing off, bounded by
 * maxRetries); a 2026-07-28 stream cannot be resumed, so losing it fails the send.
 */
async function readReplyStream(
  ctx: ClientContext,
  exchange: Exchange,
  first: ReadableStream<Uint8Array>,
): Promise<void> {
  const awaited = new Set<RequestId>(exchange.requests.map((request) => request.id));
  const reader = new SseReader((event) => {
    const payload = messageOf(event, ctx.report);
    if (payload === undefined) return;
    ctx.deliver(payload);
    markAnswered(payload, awaited);
  });
  const done = (): boolean => awaited.size === 0 || exchange.signal.aborted;
  let body: ReadableStream<Uint8Array> | undefined = first;
  let attempt = 0;
  let cause: unknown;
  for (;;) {
    if (body) {
      const read = await reader.read(body, done);
      if (done()) return;
      if (read.events > 0) attempt = 0;
      cause = read.error;
    }
    const why = exchange.modern
      ? "2026-07-28 streams cannot be resumed; send the request again"
      : reader.lastEventId === ""
        ? "the server sent no event id to resume from"
        : attempt >= ctx.reconnect.maxRetries
          ? `gave up after ${attempt} reconnection attempts`
          : undefined;
    if (why !== undefined) throw lost(ctx, exchange, why, cause);
    if (!(await sleep(reconnectDelay(attempt++, reader.retry, ctx.reconnect), exchange.signal))) return;
    body = await resume(ctx, exchange, reader.lastEventId);
    if (exchange.signal.aborted) return;
  }
}

function lost(ctx: ClientContext, exchange: Exchange, why: string, cause: unknown): SdkError {
  const error = new SdkError(
    SdkErrorCode.Transport,
    `${exchange.what}: the response stream ended before the response arrived (${why})`,
    cause === undefined ? undefined : { cause },
  );
  ctx.report(error);
  return error;
}

/** One resumption GET: its body, undefined after a transient failure, a throw when refused. */
async function resume(
  ctx: ClientContext,
  exchange: Exchange,
  lastEventId: string,
): Promise<ReadableStream<Uint8Array> | undefined> {
  let response: Response;
  try {
    response = await ctx.get(lastEventId, exchange.signal);
  } catch (error) {
    if (!exchange.signal.aborted) {
      ctx.report(new SdkError(SdkErrorCode.Transport, `Resuming ${exchange.what} failed`, { cause: error }));
    }
    return undefined;
  }
  if (response.ok && response.body && hasMediaType(response, "text/event-stream")) return response.body;
  const details = await errorDetails(response);
  if (details.status >= 500 || details.status === 429) return undefined;
  const error = new HttpStatusError(`Resuming ${exchange.what}`, details);
  ctx.report(error);
  throw error;
}
