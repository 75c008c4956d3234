// A raw 2026-07-28 client of the conformance fixture, for tests that check the wire as the referee does.
import { onTestFinished } from "vitest";
import type { JsonObject } from "mcpkit";
import { createRawPeer } from "../helpers/raw-client.js";
import type { RawPeer } from "../helpers/raw-client.js";
import { createConformanceServer } from "./fixture.js";

/** The capabilities the alpha.12 referee declares unless a scenario says otherwise. */
export const ALL_CAPS = { elicitation: {}, sampling: {}, roots: { listChanged: true } };

export interface Answer {
  readonly result?: JsonObject;
  readonly error?: { code: number; message: string; data?: unknown };
  /** Everything the server sent for this request before its answer (notifications, requests). */
  readonly before: unknown[];
}

/**
 * The fixture on an in-memory wire: every request carries the `_meta` the referee sends (merged
 * with `meta`), and resolves with the answer and whatever came before it. Closed after the test.
 */
export async function rawFixture() {
  const mcp = createConformanceServer();
  const { peer, transport } = await createRawPeer();
  await mcp.connect(transport);
  onTestFinished(() => mcp.close());
  let nextId = 0;
  async function request(method: string, params: JsonObject, meta: JsonObject = {}): Promise<Answer> {
    const id = ++nextId;
    const start = peer.received.length;
    const _meta = {
      "io.modelcontextprotocol/protocolVersion": "2026-07-28",
      "io.modelcontextprotocol/clientInfo": { name: "conformance-test-client", version: "1.0.0" },
      "io.modelcontextprotocol/clientCapabilities": ALL_CAPS,
      ...meta,
    };
    await peer.send({ jsonrpc: "2.0", id, method, params: { ...params, _meta } });
    const answer = await responseTo(peer, id, start);
    return {
      ...(answer.message as Omit<Answer, "before">),
      before: peer.received.slice(start, answer.index),
    };
  }
  const call = (name: string, extra: JsonObject = {}, meta?: JsonObject) =>
    request("tools/call", { name, arguments: {}, ...extra }, meta);
  return { peer, request, call };
}

async function responseTo(
  peer: RawPeer,
  id: number,
  from: number,
): Promise<{ message: unknown; index: number }> {
  for (let seen = from; ; seen++) {
    await peer.waitFor(seen + 1);
    const message = peer.received[seen] as { id?: unknown; method?: unknown };
    if (message.id === id && message.method === undefined) return { message, index: seen };
  }
}

/** The text blocks of a tool result, joined. */
export function textOf(result: JsonObject | undefined): string {
  return (result?.content as { text: string }[]).map((block) => block.text).join("");
}
