import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { SdkError, SdkErrorCode } from "../../src/jsonrpc/index.js";
import { LineWriter } from "../../src/stdio/line-writer.js";

const note = (n: number) => ({ jsonrpc: "2.0" as const, method: "n", params: { n } });

/** A stream that records each write() call and completes writes only when told to (backpressure). */
function slowStream(highWaterMark: number) {
  const calls: string[] = [];
  const finish: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      finish.push(() => callback());
      return undefined;
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((chunk: string, ...rest: never[]) => {
    calls.push(chunk);
    return write(chunk, ...rest);
  }) as typeof stream.write;
  const completeAll = () => {
    while (finish.length > 0) finish.shift()?.();
  };
  return { stream, calls, completeAll };
}

describe("LineWriter", { timeout: 5000 }, () => {
  it("hands each message to the stream at once, in order, one line per write", async () => {
    const { stream, calls, completeAll } = slowStream(1 << 20);
    const writer = new LineWriter(stream);
    const sent = [writer.write(note(1)), writer.write(note(2))];
    // Synchronously, before any microtask: the peer can start on the first answer right away.
    expect(calls).toEqual([`${JSON.stringify(note(1))}\n`, `${JSON.stringify(note(2))}\n`]);
    completeAll();
    await Promise.all(sent);
  });

  it("queues while backpressured, then sends the queue as one write on 'drain', settling each sender then", async () => {
    const { stream, calls, completeAll } = slowStream(8);
    const writer = new LineWriter(stream);
    const settled: number[] = [];
    const first = writer.write(note(1)).then(() => settled.push(1));
    const second = writer.write(note(2)).then(() => settled.push(2));
    const third = writer.write(note(3)).then(() => settled.push(3));
    expect(calls).toHaveLength(1); // over the mark: 2 and 3 wait
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual([]);
    completeAll(); // 'drain'
    await first;
    expect(calls[1]).toBe(`${JSON.stringify(note(2))}\n${JSON.stringify(note(3))}\n`);
    completeAll();
    await Promise.all([second, third]);
    expect(settled).toEqual([1, 2, 3]);
  });

  it("end() flushes what is queued even while backpressured and refuses later messages", async () => {
    const { stream, calls, completeAll } = slowStream(8);
    const writer = new LineWriter(stream);
    void writer.write(note(1));
    const queued = writer.write(note(2));
    const ended = writer.end();
    expect(calls).toEqual([`${JSON.stringify(note(1))}\n`, `${JSON.stringify(note(2))}\n`]);
    completeAll();
    await Promise.all([queued, ended]);
    await expect(writer.write(note(3))).rejects.toMatchObject({ code: SdkErrorCode.Closed });
  });

  it("fail() rejects the write waiting for 'drain' and everything queued behind it", async () => {
    const { stream } = slowStream(8);
    const writer = new LineWriter(stream);
    const waiting = writer.write(note(1));
    const queued = writer.write(note(2));
    const error = new SdkError(SdkErrorCode.Closed, "gone");
    writer.fail(error);
    await expect(waiting).rejects.toBe(error);
    await expect(queued).rejects.toBe(error);
    await expect(writer.write(note(3))).rejects.toBe(error);
  });

  it("rejects a message that cannot be serialised and keeps writing the next", async () => {
    const { stream, calls } = slowStream(1 << 20);
    const writer = new LineWriter(stream);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(
      writer.write({ jsonrpc: "2.0", method: "n", params: circular } as never),
    ).rejects.toMatchObject({ code: SdkErrorCode.Transport });
    void writer.write(note(1));
    expect(calls).toEqual([`${JSON.stringify(note(1))}\n`]);
  });
});
