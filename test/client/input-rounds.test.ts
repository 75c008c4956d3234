import { describe, expect, it } from "vitest";
import { Client } from "../../src/client/index.js";
import { SdkError } from "../../src/jsonrpc/index.js";
import { isResourceNotFound } from "../../src/protocol/index.js";
import { createRawPeer } from "../helpers/raw-client.js";
import type { RawPeer } from "../helpers/raw-client.js";

/* The client side of 2026-07-28 multi round-trip requests, against a server scripted on the wire. */

interface Request {
  id: number;
  method: string;
  params?: Record<string, unknown>;
}

const DISCOVERED = { supportedVersions: ["2026-07-28"], capabilities: { tools: {} }, resultType: "complete" };

/** A modern client connected to a raw peer that already answered server/discover. */
async function modernClient(options: ConstructorParameters<typeof Client>[1] = {}) {
  const { peer, transport } = await createRawPeer();
  const client = new Client(
    { name: "rounds-test", version: "0" },
    { capabilities: { elicitation: { form: {} }, roots: {} }, ...options },
  );
  const connecting = client.connect(transport);
  await peer.waitFor(1);
  await peer.send({ jsonrpc: "2.0", id: (peer.received[0] as Request).id, result: DISCOVERED });
  await connecting;
  return { client, peer, next: nextRequest(peer) };
}

/** Resolves with each request the client sends, in order. */
function nextRequest(peer: RawPeer) {
  let index = 1;
  return async (): Promise<Request> => {
    await peer.waitFor(index + 1, 2_000);
    return peer.received[index++] as Request;
  };
}

const reply = (peer: RawPeer, id: number, result: object) => peer.send({ jsonrpc: "2.0", id, result });

describe("input_required rounds (client)", () => {
  it("answers embedded requests through the handlers and retries with the answers and the state", async () => {
    const { client, peer, next } = await modernClient();
    client.handle("elicitation/create", (params) => ({
      action: "accept",
      content: { name: `answer to ${String(params.message)}` },
    }));
    client.handle("roots/list", () => ({ roots: [{ uri: "file:///work", name: "work" }] }));
    const calling = client.callTool({ name: "book", arguments: { date: "friday" } });

    const first = await next();
    expect(first.params).toMatchObject({ name: "book", arguments: { date: "friday" } });
    await reply(peer, first.id, {
      resultType: "input_required",
      inputRequests: {
        who: {
          method: "elicitation/create",
          params: { message: "Who?", requestedSchema: { type: "object" } },
        },
        where: { method: "roots/list" },
      },
      requestState: "opaque-1",
    });

    const second = await next();
    expect(second.id).not.toBe(first.id);
    expect(second.params).toMatchObject({
      name: "book",
      arguments: { date: "friday" },
      requestState: "opaque-1",
      inputResponses: {
        who: { action: "accept", content: { name: "answer to Who?" } },
        where: { roots: [{ uri: "file:///work", name: "work" }] },
      },
    });
    // The second round replaces the answers and the state; nothing of round one lingers.
    await reply(peer, second.id, {
      resultType: "input_required",
      inputRequests: { again: { method: "roots/list" } },
      requestState: "opaque-2",
    });
    const third = await next();
    expect(third.params?.requestState).toBe("opaque-2");
    expect(Object.keys(third.params?.inputResponses as object)).toEqual(["again"]);
    // No resultType at all means complete.
    await reply(peer, third.id, { content: [{ type: "text", text: "booked" }] });
    expect(await calling).toEqual({ content: [{ type: "text", text: "booked" }] });
  });

  it("gives up after maxInputRounds rounds", async () => {
    const { client, peer, next } = await modernClient({ maxInputRounds: 2 });
    client.handle("roots/list", () => ({ roots: [] }));
    const calling = client.callTool({ name: "greedy", arguments: {} });
    for (let round = 0; round < 3; round++) {
      const request = await next();
      await reply(peer, request.id, {
        resultType: "input_required",
        inputRequests: { more: { method: "roots/list" } },
      });
    }
    await expect(calling).rejects.toThrow(/still needs input after 2 rounds/);
  });

  it("fails the call when an embedded request has no handler (-32601), without retrying", async () => {
    const { client, peer, next } = await modernClient();
    const calling = client.callTool({ name: "needs-sampling", arguments: {} });
    const first = await next();
    await reply(peer, first.id, {
      resultType: "input_required",
      inputRequests: { model: { method: "sampling/createMessage", params: { messages: [], maxTokens: 5 } } },
    });
    await expect(calling).rejects.toMatchObject({ code: -32601 });
    expect(peer.received).toHaveLength(2); // discover and the one call
  });

  it("cancels a call by AbortSignal: notifications/cancelled goes out and the late answer is dropped", async () => {
    const { client, peer, next } = await modernClient();
    const abort = new AbortController();
    const calling = client.callTool({ name: "slow", arguments: {} }, { signal: abort.signal });
    const request = await next();
    abort.abort();
    await expect(calling).rejects.toBeInstanceOf(SdkError);
    const cancel = await next();
    expect(cancel).toMatchObject({ method: "notifications/cancelled", params: { requestId: request.id } });
    await reply(peer, request.id, { content: [] }); // too late: must not throw or be delivered
  });

  it("reads -32002 and 2026's -32602 with a uri as resource-not-found", async () => {
    const { client, peer, next } = await modernClient();
    for (const error of [
      { code: -32002, message: "Resource not found", data: { uri: "a://b" } },
      { code: -32602, message: "Resource not found: a://b", data: { uri: "a://b" } },
    ]) {
      const reading = client.readResource({ uri: "a://b" });
      const request = await next();
      await peer.send({ jsonrpc: "2.0", id: request.id, error });
      const caught: unknown = await reading.catch((e: unknown) => e);
      expect(isResourceNotFound(caught)).toBe(true);
    }
  });
});
