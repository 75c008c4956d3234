import { PassThrough, Writable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { SdkError, SdkErrorCode } from "../../src/jsonrpc/index.js";
import type { JsonRpcPayload } from "../../src/jsonrpc/index.js";
import { createStdioServerTransport } from "../../src/stdio/index.js";
import { recorder, request } from "./helpers.js";

async function started(options: { maxLineBytes?: number; stdout?: Writable } = {}) {
  const stdin = new PassThrough();
  const stdout = options.stdout ?? new PassThrough();
  let output = "";
  if (stdout instanceof PassThrough) stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const transport = createStdioServerTransport({ stdin, stdout, ...options });
  const record = recorder();
  await transport.start(record.handlers);
  return { stdin, stdout, transport, ...record, output: () => output };
}

describe("createStdioServerTransport", { timeout: 5000 }, () => {
  it("answers a line that is not JSON with -32700 and id null, then serves the next line", async () => {
    const server = await started();
    server.stdin.write(`this is not json\n${JSON.stringify(request(1))}\n`);
    await vi.waitFor(() => expect(server.output()).not.toBe(""));
    expect(server.output()).toBe(
      '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}\n',
    );
    expect(server.messages).toEqual([request(1)]);
    expect(server.errors).toHaveLength(1);
    expect(server.errors[0]).toBeInstanceOf(SdkError);
    expect((server.errors[0] as SdkError).code).toBe(SdkErrorCode.Protocol);
  });

  it("answers an over-long line with -32700 naming the cap and keeps serving", async () => {
    const server = await started({ maxLineBytes: 64 });
    server.stdin.write(`{"junk":"${"x".repeat(40)}`);
    server.stdin.write(`${"y".repeat(40)}"}\n${JSON.stringify(request(2))}\n`);
    await vi.waitFor(() => expect(server.output()).not.toBe(""));
    const answer = JSON.parse(server.output());
    expect(answer).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32700, message: "Parse error: line exceeds 64 bytes" },
    });
    expect(server.messages).toEqual([request(2)]);
  });

  it("passes a batch array through untouched", async () => {
    const server = await started();
    const batch = [request(1), { jsonrpc: "2.0", method: "notifications/initialized" }];
    server.stdin.write(`${JSON.stringify(batch)}\r\n`);
    await vi.waitFor(() => expect(server.messages).toHaveLength(1));
    expect(server.messages[0]).toEqual(batch);
  });

  it("writes each message as it is sent, in order, so the client can start on the first answer", async () => {
    const server = await started();
    const write = vi.spyOn(server.stdout, "write");
    const sends = [1, 2, 3].map((id) => server.transport.send({ jsonrpc: "2.0", id, result: {} }));
    expect(write).toHaveBeenCalledTimes(3); // synchronously, not at the end of the turn
    await Promise.all(sends);
    const lines = server.output().trimEnd().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { id: number }).id)).toEqual([1, 2, 3]);
  });

  it("rejects a message that cannot be serialised and keeps the stream intact", async () => {
    const server = await started();
    const bad = { jsonrpc: "2.0", id: 1, result: { big: 1n } } as unknown as JsonRpcPayload;
    await expect(server.transport.send(bad)).rejects.toMatchObject({ code: SdkErrorCode.Transport });
    await server.transport.send({ jsonrpc: "2.0", id: 2, result: {} });
    expect(server.output()).toBe('{"jsonrpc":"2.0","id":2,"result":{}}\n');
  });

  it("keeps order and waits for 'drain' under backpressure", async () => {
    const received: string[] = [];
    const stdout = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk.toString("utf8"));
        setTimeout(callback, 2);
      },
    });
    const writes: boolean[] = [];
    const write = stdout.write.bind(stdout);
    stdout.write = ((...args: Parameters<typeof write>) => {
      writes.push(stdout.writableNeedDrain);
      return write(...args);
    }) as typeof stdout.write;
    const server = await started({ stdout });
    const sends: Promise<void>[] = [];
    for (let id = 0; id < 30; id++) {
      sends.push(server.transport.send({ jsonrpc: "2.0", id, result: {} }));
      if (id % 3 === 2) await nextTurn();
    }
    await Promise.all(sends);
    await vi.waitFor(() => expect(stdout.writableLength).toBe(0));
    const ids = received
      .join("")
      .trimEnd()
      .split("\n")
      .map((line) => (JSON.parse(line) as { id: number }).id);
    expect(ids).toEqual(Array.from({ length: 30 }, (_, id) => id));
    expect(writes.length).toBeGreaterThan(1);
    expect(writes.length).toBeLessThan(30);
    expect(writes.every((needDrain) => !needDrain)).toBe(true);
  });

  it("closes once when stdin ends; later sends reject as closed", async () => {
    const server = await started();
    server.stdin.end();
    await vi.waitFor(() => expect(server.closes()).toBe(1));
    await server.transport.close();
    expect(server.closes()).toBe(1);
    await expect(server.transport.send(request(1))).rejects.toMatchObject({ code: SdkErrorCode.Closed });
  });

  it("close() flushes pending writes, stops reading and is idempotent", async () => {
    const server = await started();
    const sent = server.transport.send({ jsonrpc: "2.0", id: 7, result: {} });
    await Promise.all([server.transport.close(), server.transport.close(), sent]);
    expect(server.output()).toBe('{"jsonrpc":"2.0","id":7,"result":{}}\n');
    expect(server.closes()).toBe(1);
    expect(server.stdin.listenerCount("data")).toBe(0);
    server.stdin.write(`${JSON.stringify(request(1))}\n`);
    await nextTurn();
    expect(server.messages).toEqual([]);
  });

  it("closes quietly when the client goes away (EPIPE on stdout)", async () => {
    const server = await started();
    server.stdout.destroy(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    await vi.waitFor(() => expect(server.closes()).toBe(1));
    expect(server.errors).toEqual([]);
  });

  it("rejects pending sends when stdout is destroyed without an error", async () => {
    const stdout = new Writable({ highWaterMark: 1, write: () => {} });
    const server = await started({ stdout });
    const pending = server.transport.send({ jsonrpc: "2.0", id: 1, result: {} });
    await nextTurn();
    stdout.destroy();
    await expect(pending).rejects.toMatchObject({ code: SdkErrorCode.Closed });
    await vi.waitFor(() => expect(server.closes()).toBe(1));
    expect(server.errors).toEqual([]);
  });

  it("reports a throwing onMessage and keeps delivering", async () => {
    const stdin = new PassThrough();
    const transport = createStdioServerTransport({ stdin, stdout: new PassThrough() });
    let calls = 0;
    const errors: Error[] = [];
    await transport.start({
      onMessage: () => {
        if (++calls === 1) throw new Error("handler bug");
      },
      onError: (error) => errors.push(error),
      onClose: () => {},
    });
    stdin.write(`${JSON.stringify(request(1))}\n${JSON.stringify(request(2))}\n`);
    await vi.waitFor(() => expect(calls).toBe(2));
    expect(errors.map((error) => error.message)).toEqual(["handler bug"]);
    await transport.close();
  });

  it("rejects a second start and leaves the console alone for a non-process stdout", async () => {
    const log = console.log;
    const server = await started();
    expect(console.log).toBe(log);
    await expect(server.transport.start(server.handlers)).rejects.toMatchObject({
      code: SdkErrorCode.AlreadyConnected,
    });
    await server.transport.close();
  });
});
