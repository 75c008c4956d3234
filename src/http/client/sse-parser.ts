/** One dispatched server-sent event. */
export interface SseEvent {
  /** The last event id when this event was dispatched (the HTML standard's `lastEventId`); absent when empty. */
  readonly id?: string;
  /** The event type; "message" unless an `event:` field named another. */
  readonly event: string;
  readonly data: string;
  /** The reconnection delay a `retry:` field in this event's block set, in ms. */
  readonly retry?: number;
}

/** An incremental parser of one logical event stream (possibly spread over several connections). */
export interface SseParser {
  /** Feeds bytes (decoded as UTF-8) or text; complete events are dispatched synchronously. */
  push(chunk: Uint8Array | string): void;
  /** One connection ended: an unfinished event is discarded; `lastEventId` and `retry` are kept. */
  end(): void;
  /** The id to send as `Last-Event-ID` when reconnecting; "" when none. */
  readonly lastEventId: string;
  /** The latest reconnection delay the server asked for, in ms. */
  readonly retry: number | undefined;
}

export interface SseParserOptions {
  /** Longest line or event data accepted, in characters; past it `push` throws. Default 16 Mi. */
  readonly maxEventLength?: number;
  /** The last event id carried over from an earlier stream. */
  readonly lastEventId?: string;
}

const DIGITS = /^\d+$/;

/**
 * Parses `text/event-stream` as the HTML standard says: UTF-8 with an optional leading BOM, lines
 * ended by CRLF, LF or CR (even split across chunks), `:` comments, the fields data (joined with
 * LF), event, id (ignored if it contains NUL) and retry (digits only); a blank line dispatches.
 *
 * @example
 * const parser = createSseParser((event) => console.log(event.event, event.data));
 * parser.push("id: 1\ndata: hello\n\n"); // logs: message hello
 */
export function createSseParser(
  onEvent: (event: SseEvent) => void,
  options: SseParserOptions = {},
): SseParser {
  const max = options.maxEventLength ?? 16 * 1024 * 1024;
  let decoder = new TextDecoder();
  let atStart = true;
  let buffer = "";
  let pendingCr = false;
  let type = "";
  let data: string[] = [];
  let dataLength = 0;
  let idBuffer = options.lastEventId ?? "";
  let lastEventId = idBuffer;
  let retry: number | undefined;
  let blockRetry: number | undefined;

  const dispatch = (): void => {
    lastEventId = idBuffer;
    if (data.length > 0) {
      const event: { id?: string; event: string; data: string; retry?: number } = {
        event: type === "" ? "message" : type,
        data: data.join("\n"),
      };
      if (lastEventId !== "") event.id = lastEventId;
      if (blockRetry !== undefined) event.retry = blockRetry;
      data = [];
      dataLength = 0;
      type = "";
      blockRetry = undefined;
      onEvent(event);
      return;
    }
    type = "";
    blockRetry = undefined;
  };

  const line = (text: string): void => {
    if (text === "") return dispatch();
    if (text.charCodeAt(0) === 0x3a) return; // ":" starts a comment (keep-alives)
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? "" : text.slice(text.charCodeAt(colon + 1) === 0x20 ? colon + 2 : colon + 1);
    if (field === "data") {
      dataLength += value.length + 1;
      if (dataLength > max) throw new RangeError(`SSE event data longer than ${max} characters`);
      data.push(value);
    } else if (field === "event") type = value;
    else if (field === "id") {
      if (!value.includes("\0")) idBuffer = value;
    } else if (field === "retry" && DIGITS.test(value)) {
      retry = blockRetry = Number(value);
    }
  };

  const feed = (text: string): void => {
    if (pendingCr && text.length > 0) {
      pendingCr = false;
      if (text.charCodeAt(0) === 0x0a) text = text.slice(1); // the LF of a CRLF split across chunks
    }
    const all = buffer === "" ? text : buffer + text;
    let start = 0;
    let cr = all.indexOf("\r");
    let lf = all.indexOf("\n");
    while (cr !== -1 || lf !== -1) {
      const end = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      let next = end + 1;
      if (end === cr) {
        if (next === all.length) pendingCr = true;
        else if (all.charCodeAt(next) === 0x0a) next++;
      }
      line(all.slice(start, end));
      start = next;
      if (cr !== -1 && cr < start) cr = all.indexOf("\r", start);
      if (lf !== -1 && lf < start) lf = all.indexOf("\n", start);
    }
    buffer = start === 0 ? all : all.slice(start);
    if (buffer.length > max) throw new RangeError(`SSE line longer than ${max} characters`);
  };

  return {
    push(chunk) {
      let text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      if (atStart && text.length > 0) {
        atStart = false;
        // TextDecoder already dropped a BOM at the start of bytes; text chunks may still carry one.
        if (typeof chunk === "string" && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      feed(text);
    },
    end() {
      decoder = new TextDecoder();
      atStart = true;
      buffer = "";
      pendingCr = false;
      type = "";
      data = [];
      dataLength = 0;
      blockRetry = undefined;
      idBuffer = lastEventId;
    },
    get lastEventId() {
      return lastEventId;
    },
    get retry() {
      return retry;
    },
  };
}
