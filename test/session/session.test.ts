import { describe, expect, it, vi } from "vitest";
import { ErrorCode, McpError, SdkError } from "../../src/jsonrpc/index.js";
import type { JsonObject } from "../../src/jsonrpc/index.js";
import { Session } from "../../src/session/index.js";
import type { InboundRequest, SessionHandlers } from "../../src/session/index.js";
import { createMemoryTransportPair } from "../../src/transport/index.js";

async function pair(serverHandlers: Partial<SessionHandlers>, clientHandlers: Partial<SessionHandlers> = {}) {
  const [a, b] = createMemoryTransportPair();
  const client = new Session(a, { onRequest: () => ({}), ...clientHandlers });
  const server = new Session(b, { onRequest: () => ({}), ...serverHandlers });
  await server.start();
  await client.start();
  return { client, server };
}

/** A raw peer: records what the session sends and lets the test inject payloads. */
async function rawPeer(handlers: Partial<SessionHandlers>) {
  const [a, b] = createMemoryTransportPair();
  const received: unknown[] = [];
  await a.start({ onMessage: (m) => received.push(m), onClose: () => {}, onError: () => {} });
  const session = new Session(b, { onRequest: () => ({}), ...handlers });
  await session.start();
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
  return { peer: a, received, session, settle };
}

describe("Session", () => {
  it("correlates concurrent requests with their responses", async () => {
    const { client } = await pair({
      onRequest: async (req) => {
        await new Promise((r) => setTimeout(r, Number(req.params?.delay)));
        return { n: req.params?.n };
      },
    });
    const results = await Promise.all([
      client.request("work", { n: 1, delay: 20 }),
      client.request("work", { n: 2, delay: 0 }),
      client.request("work", { n: 3, delay: 10 }),
    ]);
    expect(results).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it("answers McpError throws with their code and masks other throws as -32603", async () => {
    const onError = vi.fn();
    const { client } = await pair({
      onRequest: (req) => {
        if (req.method === "known") throw new McpError(ErrorCode.InvalidParams, "bad arg", { field: "x" });
        throw new Error("secret path /etc/passwd");
      },
      onError,
    });
    await expect(client.request("known")).rejects.toMatchObject({
      code: -32602,
      message: "bad arg",
      data: { field: "x" },
    });
    const masked = await client.request("other").catch((e: unknown) => e);
    expect(masked).toBeInstanceOf(McpError);
    expect(masked).toMatchObject({ code: -32603, message: "Internal error" });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "secret path /etc/passwd" }));
  });

  it("times out with an SdkError and tells the peer with notifications/cancelled", async () => {
    let seen: InboundRequest | undefined;
    const cancelled = new Promise<unknown>((resolve) => {
      void pair({
        onRequest: (req) => {
          seen = req;
          req.signal.addEventListener("abort", () => resolve(req.signal.reason));
          return new Promise<JsonObject>(() => {});
        },
      }).then(({ client }) => {
        void client.request("slow", {}, { timeoutMs: 30 }).catch((e: unknown) => {
          expect(e).toBeInstanceOf(SdkError);
          expect(e).toMatchObject({ code: "timeout" });
        });
      });
    });
    expect(await cancelled).toBe("Request timed out");
    expect(seen?.cancelled).toBe(true);
  });

  it("cancels by AbortSignal and never delivers the late response", async () => {
    const { peer, received, session, settle } = await rawPeer({});
    const controller = new AbortController();
    const call = session.request("slow", {}, { signal: controller.signal });
    await settle();
    controller.abort("user gave up");
    await expect(call).rejects.toMatchObject({ code: "aborted" });
    await settle();
    expect(received[1]).toEqual({
      jsonrpc: "2.0",
      method: "notifications/cancelled",
      params: { requestId: 0, reason: "user gave up" },
    });
    await peer.send({ jsonrpc: "2.0", id: 0, result: {} }); // late answer: ignored, no throw
  });

  it("suppresses the response of an inbound request the peer cancelled", async () => {
    let release!: () => void;
    const { peer, received, settle } = await rawPeer({
      onRequest: () => new Promise<JsonObject>((resolve) => (release = () => resolve({ late: true }))),
    });
    await peer.send({ jsonrpc: "2.0", id: 7, method: "slow" });
    await settle();
    await peer.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 7 } });
    await settle();
    release();
    await settle();
    expect(received).toEqual([]);
  });

  it("adds a progress token, delivers progress, and resets the timeout on progress", async () => {
    const progress: number[] = [];
    const { client } = await pair({
      onRequest: async (req) => {
        const token = (req.params?._meta as JsonObject).progressToken;
        for (const step of [1, 2, 3, 4]) {
          await new Promise((r) => setTimeout(r, 25));
          await req.notify("notifications/progress", {
            progressToken: token as number,
            progress: step,
            total: 4,
          });
        }
        return { done: true };
      },
    });
    const result = await client.request(
      "long",
      {},
      { timeoutMs: 60, resetTimeoutOnProgress: true, onProgress: (p) => progress.push(p.progress) },
    );
    expect(result).toEqual({ done: true });
    expect(progress).toEqual([1, 2, 3, 4]);
  });

  it("enforces the maximum total timeout even while progress keeps coming", async () => {
    const { client } = await pair({
      onRequest: async (req) => {
        const token = (req.params?._meta as JsonObject).progressToken as number;
        for (let step = 0; step < 20 && !req.cancelled; step++) {
          await new Promise((r) => setTimeout(r, 10));
          await req.notify("notifications/progress", { progressToken: token, progress: step });
        }
        return {};
      },
    });
    const started = Date.now();
    const error = await client
      .request(
        "long",
        {},
        { timeoutMs: 50, maxTotalTimeoutMs: 80, resetTimeoutOnProgress: true, onProgress: () => {} },
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "timeout",
      message: expect.stringContaining("Maximum total timeout"),
    });
    expect(Date.now() - started).toBeLessThan(150);
  });

  it("rejects every pending request with SdkError closed, in order, when closed", async () => {
    const { client } = await pair({ onRequest: () => new Promise<JsonObject>(() => {}) });
    const order: number[] = [];
    const calls = [1, 2, 3].map((n) =>
      client.request("never").catch((e: unknown) => {
        order.push(n);
        return e;
      }),
    );
    await client.close();
    const errors = await Promise.all(calls);
    expect(order).toEqual([1, 2, 3]);
    for (const e of errors) expect(e).toMatchObject({ name: "SdkError", code: "closed" });
    await expect(client.request("after")).rejects.toMatchObject({ code: "closed" });
  });

  it("answers an invalid message with -32600 and its id, and keeps serving", async () => {
    const { peer, received, settle } = await rawPeer({ onRequest: () => ({ ok: true }), onError: () => {} });
    await peer.send({ jsonrpc: "2.0", id: 3, Method: "typo" } as never);
    await peer.send({ jsonrpc: "1.0", id: 4, method: "x" } as never);
    await peer.send({ jsonrpc: "2.0", id: 5, method: "fine" });
    await settle();
    expect(received).toEqual([
      { jsonrpc: "2.0", id: 3, error: { code: -32600, message: "Invalid Request" } },
      { jsonrpc: "2.0", id: 4, error: { code: -32600, message: "Invalid Request" } },
      { jsonrpc: "2.0", id: 5, result: { ok: true } },
    ]);
  });

  it("refuses batches unless the owner accepts them, and answers accepted ones as one array", async () => {
    let accept = false;
    const { peer, received, settle } = await rawPeer({
      onRequest: (req) => ({ method: req.method, inBatch: req.inBatch }),
      acceptsBatch: () => accept,
    });
    const batch = [
      { jsonrpc: "2.0", id: 1, method: "a" },
      { jsonrpc: "2.0", method: "notifications/x" },
      { jsonrpc: "2.0", id: 2, method: "b" },
    ];
    await peer.send(batch as never);
    await settle();
    accept = true;
    await peer.send(batch as never);
    await peer.send([] as never);
    await settle();
    expect(received).toHaveLength(3);
    expect(received[0]).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32600, message: "Invalid Request: batches are not supported" },
    });
    // The two later payloads were in flight together; their answers may arrive in either order.
    expect(received.slice(1)).toEqual(
      expect.arrayContaining([
        [
          { jsonrpc: "2.0", id: 1, result: { method: "a", inBatch: true } },
          { jsonrpc: "2.0", id: 2, result: { method: "b", inBatch: true } },
        ],
        { jsonrpc: "2.0", id: null, error: { code: -32600, message: "Invalid Request: empty batch" } },
      ]),
    );
  });
});
