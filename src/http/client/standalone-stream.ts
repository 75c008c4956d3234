import { SdkError, SdkErrorCode } from "../../jsonrpc/index.js";
import { SseReader, messageOf } from "./event-stream.js";
import type { ClientContext } from "./event-stream.js";
import { HttpStatusError, errorDetails } from "./http-error.js";
import { hasMediaType, reconnectDelay, sleep } from "./options.js";

/**
 * The standalone GET stream of a legacy session: server notifications and requests unrelated to
 * any POST. It reconnects (with Last-Event-ID when the server gave ids) after the server's
 * `retry`, backing off while attempts bring nothing; a 405 means the server offers no such stream.
 * Runs until `signal` aborts or it gives up; never rejects.
 */
export async function runStandaloneStream(ctx: ClientContext, signal: AbortSignal): Promise<void> {
  const reader = new SseReader((event) => {
    const payload = messageOf(event, ctx.report);
    if (payload !== undefined) ctx.deliver(payload);
  });
  let attempt = 0;
  while (!signal.aborted) {
    const body = await open(ctx, reader.lastEventId, signal);
    if (body === "stop" || signal.aborted) return;
    if (body !== undefined) {
      const read = await reader.read(body, () => signal.aborted);
      if (signal.aborted) return;
      if (read.events > 0) attempt = 0;
    }
    if (attempt >= ctx.reconnect.maxRetries) {
      ctx.report(new SdkError(SdkErrorCode.Transport, `The GET stream gave up after ${attempt} attempts`));
      return;
    }
    if (!(await sleep(reconnectDelay(attempt++, reader.retry, ctx.reconnect), signal))) return;
  }
}

/** Connects once: the body, undefined to retry later, or "stop" when the server refuses for good. */
async function open(
  ctx: ClientContext,
  lastEventId: string,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array> | "stop" | undefined> {
  let response: Response;
  try {
    response = await ctx.get(lastEventId === "" ? undefined : lastEventId, signal);
  } catch (error) {
    if (!signal.aborted) {
      ctx.report(new SdkError(SdkErrorCode.Transport, "The GET stream could not connect", { cause: error }));
    }
    return undefined;
  }
  if (response.ok && response.body && hasMediaType(response, "text/event-stream")) return response.body;
  if (response.status === 405) {
    await response.body?.cancel().catch(() => undefined);
    return "stop";
  }
  const details = await errorDetails(response);
  if (details.status >= 500 || details.status === 429) return undefined;
  ctx.report(new HttpStatusError("Opening the GET stream", details));
  return "stop";
}
