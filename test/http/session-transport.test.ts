// The legacy session transport routes every outbound message to exactly one place; an idle
// session keeps only one small object, so these pin the routing its lazy fields must preserve.
import { describe, expect, it, vi } from "vitest";
import type { JsonRpcMessage } from "../../src/jsonrpc/index.js";
import { SessionTransport } from "../../src/http/server/session-transport.js";
import type { ReplyChannel } from "../../src/http/server/reply-channel.js";
import type { SseStream } from "../../src/http/server/sse.js";
import { createMemoryEventStore } from "../../src/store/index.js";

/** A reply channel that records what it is given. */
function fakeReply(carriesMessages = true): ReplyChannel & { written: JsonRpcMessage[] } {
  const written: JsonRpcMessage[] = [];
  return {
    written,
    carriesMessages,
    write: (message: JsonRpcMessage) => {
      written.push(message);
      return Promise.resolve();
    },
  } as unknown as ReplyChannel & { written: JsonRpcMessage[] };
}

/** A standalone SSE stream that records the events sent on it. */
function fakeSse(): SseStream & { sent: { id?: string; data: string }[]; closes: number } {
  const sse = {
    sent: [] as { id?: string; data: string }[],
    closed: false,
    closes: 0,
    send: (event: { id?: string; data: string }) => void sse.sent.push(event),
    close: () => void sse.closes++,
  };
  return sse as unknown as SseStream & { sent: { id?: string; data: string }[]; closes: number };
}

const response = (id: number): JsonRpcMessage => ({ jsonrpc: "2.0", id, result: { id } });
const notification = (n: number): JsonRpcMessage => ({ jsonrpc: "2.0", method: "note", params: { n } });

async function started(store = createMemoryEventStore()): Promise<{
  transport: SessionTransport;
  onMessage: ReturnType<typeof vi.fn>;
  onClose: ReturnType<typeof vi.fn>;
}> {
  const transport = new SessionTransport("abc", store);
  const onMessage = vi.fn();
  const onClose = vi.fn();
  await transport.start({ onMessage, onClose, onError: vi.fn() });
  return { transport, onMessage, onClose };
}

describe("SessionTransport", () => {
  it("answers each request on the reply channel of the POST that asked, however many are open", async () => {
    const { transport, onMessage } = await started();
    const batch = fakeReply();
    const single = fakeReply();
    transport.deliver([{}, {}], {}, batch, [1, 2]);
    transport.deliver({}, {}, single, ["three"]);
    expect(onMessage).toHaveBeenCalledTimes(2);
    expect([1, 2, "three"].map((id) => transport.isPending(id))).toEqual([true, true, true]);

    await transport.send(response(2));
    await transport.send({ jsonrpc: "2.0", id: "three", result: {} });
    await transport.send(response(1));
    await transport.send(response(1)); // answered already: dropped
    await transport.send(response(9)); // never asked: dropped
    expect(batch.written).toEqual([response(2), response(1)]);
    expect(single.written).toEqual([{ jsonrpc: "2.0", id: "three", result: {} }]);
    expect([1, 2, "three"].map((id) => transport.isPending(id))).toEqual([false, false, false]);

    // A later request reuses the slot the first one left.
    const again = fakeReply();
    transport.deliver({}, {}, again, [4]);
    await transport.send(response(4));
    expect(again.written).toEqual([response(4)]);
  });

  it("a re-sent id belongs to the POST that sent it last", async () => {
    const { transport } = await started();
    const [first, second, third] = [fakeReply(), fakeReply(), fakeReply()];
    transport.deliver({}, {}, first, [1]);
    transport.deliver({}, {}, second, [2]);
    transport.deliver({}, {}, third, [2]);
    await transport.send(response(2));
    await transport.send(response(1));
    expect([first.written, second.written, third.written]).toEqual([[response(1)], [], [response(2)]]);
  });

  it("sends related messages on the request's stream, others on the standalone stream", async () => {
    const store = createMemoryEventStore();
    const { transport } = await started(store);
    const streaming = fakeReply(true);
    const json = fakeReply(false);
    transport.deliver({}, {}, streaming, [1]);
    transport.deliver({}, {}, json, [2]);
    const sse = fakeSse();
    await transport.openStandalone(sse);
    await transport.send(notification(1), { relatedRequestId: 1 });
    await transport.send(notification(2), { relatedRequestId: 2 }); // a JSON reply carries no messages
    await transport.send(notification(3));
    expect(streaming.written).toEqual([notification(1)]);
    expect(json.written).toEqual([]);
    expect(sse.sent.map((event) => JSON.parse(event.data) as unknown)).toEqual([
      notification(2),
      notification(3),
    ]);
    expect(transport.standaloneStreamId).toBe("abc-get");
    // Standalone events are stored under the session's GET stream, so a client can resume it.
    const replay = await store.replayAfter(sse.sent[0]?.id ?? "");
    expect(replay?.streamId).toBe("abc-get");
  });

  it("queues up to 64 messages until the standalone stream opens, then sends them in order", async () => {
    const { transport } = await started();
    expect(transport.standaloneOpen).toBe(false);
    for (let n = 0; n < 70; n++) await transport.send(notification(n));
    const sse = fakeSse();
    await transport.openStandalone(sse);
    expect(transport.standaloneOpen).toBe(true);
    expect(sse.sent.map((event) => (JSON.parse(event.data) as { params: { n: number } }).params.n)).toEqual(
      Array.from({ length: 64 }, (_, n) => n),
    );
    // Reopening later (a resumed GET) sends nothing twice.
    const again = fakeSse();
    await transport.openStandalone(again);
    expect(again.sent).toEqual([]);
  });

  it("closes once, ending the standalone stream; sending afterwards fails", async () => {
    const { transport, onClose } = await started();
    const sse = fakeSse();
    await transport.openStandalone(sse);
    await transport.close();
    await transport.close();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(sse.closes).toBe(1);
    await expect(transport.send(notification(1))).rejects.toThrow("Session is closed");
  });
});
