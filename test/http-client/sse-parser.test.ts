import { describe, expect, it } from "vitest";
import { createSseParser } from "mcpkit/http";
import type { SseEvent, SseParserOptions } from "mcpkit/http";

/* The event-stream interpretation of the HTML standard (§9.2.6), edge case by edge case. */

function parse(chunks: Array<string | Uint8Array>, options?: SseParserOptions) {
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event), options);
  for (const chunk of chunks) parser.push(chunk);
  return { events, parser };
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("createSseParser", () => {
  it("dispatches on a blank line, with the message type by default", () => {
    const { events } = parse(["data: hello\n\n", "event: ping\ndata: x\n\n"]);
    expect(events).toEqual([
      { event: "message", data: "hello" },
      { event: "ping", data: "x" },
    ]);
  });

  it("joins data lines with LF (the standard's stock example)", () => {
    const { events } = parse(["data: YHOO\ndata: +2\ndata: 10\n\n"]);
    expect(events).toEqual([{ event: "message", data: "YHOO\n+2\n10" }]);
  });

  it("accepts LF, CR and CRLF line ends, mixed", () => {
    const { events } = parse(["data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d\r\ndata: e\n\r"]);
    expect(events.map((event) => event.data)).toEqual(["a", "b", "c", "d\ne"]);
  });

  it("treats a CRLF split across chunks as one line end", () => {
    const { events } = parse(["data: a\r", "\ndata: b\r", "\n\r", "\n"]);
    expect(events).toEqual([{ event: "message", data: "a\nb" }]);
  });

  it("does not swallow the first character after a lone CR at a chunk end", () => {
    const { events } = parse(["data: a\r", "data: b\r\r"]);
    expect(events).toEqual([{ event: "message", data: "a\nb" }]);
  });

  it("removes exactly one space after the colon, and none when absent", () => {
    const { events } = parse(["data:test\n\n", "data: test\n\n", "data:  two\n\n", "data\n\n"]);
    expect(events.map((event) => event.data)).toEqual(["test", "test", " two", ""]);
  });

  it("handles the standard's empty-data example: a lone data field and an unterminated event", () => {
    const { events, parser } = parse(["data\n\ndata\ndata\n\ndata:"]);
    parser.end();
    expect(events.map((event) => event.data)).toEqual(["", "\n"]);
  });

  it("ignores comments, unknown fields and blocks without data", () => {
    const { events } = parse([": keep-alive\n\n", "foo: bar\n\n", "event: x\n\n", "data: ok\n\n"]);
    expect(events).toEqual([{ event: "message", data: "ok" }]);
  });

  it("resets the event type after each dispatch (an empty event field means message)", () => {
    const { events } = parse(["event: a\ndata: 1\n\n", "data: 2\n\n", "event:\ndata: 3\n\n"]);
    expect(events.map((event) => event.event)).toEqual(["a", "message", "message"]);
  });

  it("strips one leading BOM from bytes and from text, but only at the start", () => {
    expect(parse([bytes("\uFEFFdata: a\n\n")]).events).toEqual([{ event: "message", data: "a" }]);
    expect(parse(["\uFEFFdata: b\n\n"]).events).toEqual([{ event: "message", data: "b" }]);
    // A second BOM makes the first field name "\uFEFFdata", which is unknown.
    expect(parse(["\uFEFF\uFEFFdata: c\n\n"]).events).toEqual([]);
    // A BOM split across byte chunks is still recognised.
    const bom = bytes("\uFEFFdata: d\n\n");
    expect(parse([bom.subarray(0, 2), bom.subarray(2)]).events).toEqual([{ event: "message", data: "d" }]);
  });

  it("decodes UTF-8 split anywhere across chunks", () => {
    const all = bytes("data: Zürich → 東京\n\n");
    const chunks = Array.from(all, (byte) => Uint8Array.of(byte));
    expect(parse(chunks).events).toEqual([{ event: "message", data: "Zürich → 東京" }]);
  });

  it("tracks the last event id: it persists, an empty id clears it, one with NUL is ignored", () => {
    const { events, parser } = parse([
      "id: 1\ndata: a\n\n",
      "data: b\n\n",
      "id: 2\0x\ndata: c\n\n",
      "id\ndata: d\n\n",
    ]);
    expect(events.map((event) => event.id)).toEqual(["1", "1", "1", undefined]);
    expect(parser.lastEventId).toBe("");
  });

  it("updates the last event id on a blank line even without data (priming events)", () => {
    const { events, parser } = parse(["id: prime-7\n\n"]);
    expect(events).toEqual([]);
    expect(parser.lastEventId).toBe("prime-7");
  });

  it("takes retry only when it is all digits, and reports it on the event", () => {
    const { events, parser } = parse([
      "retry: 2500\ndata: a\n\n",
      "retry: 1e3\ndata: b\n\n",
      "retry: -1\n\n",
    ]);
    expect(events).toEqual([
      { event: "message", data: "a", retry: 2500 },
      { event: "message", data: "b" },
    ]);
    expect(parser.retry).toBe(2500);
  });

  it("discards an unfinished event at the end of a connection but keeps the last id", () => {
    const events: SseEvent[] = [];
    const parser = createSseParser((event) => events.push(event));
    parser.push("id: 5\ndata: done\n\nid: 6\ndata: half");
    parser.end();
    parser.push("data: next\n\n");
    expect(events).toEqual([
      { id: "5", event: "message", data: "done" },
      { id: "5", event: "message", data: "next" },
    ]);
    expect(parser.lastEventId).toBe("5");
  });

  it("starts from a carried-over last event id", () => {
    const { events } = parse(["data: x\n\n"], { lastEventId: "41" });
    expect(events).toEqual([{ id: "41", event: "message", data: "x" }]);
  });

  it("refuses lines and events beyond maxEventLength", () => {
    expect(() => parse(["data: " + "x".repeat(100)], { maxEventLength: 50 })).toThrow(RangeError);
    expect(() => parse(["data: aaaa\n".repeat(20)], { maxEventLength: 50 })).toThrow(RangeError);
  });
});
