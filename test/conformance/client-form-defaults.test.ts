import { describe, expect, it } from "vitest";
import { Client } from "../../src/client/index.js";
import { applyFormDefaults, withFormDefaults } from "../../src/client/form-defaults.js";
import { createRawPeer } from "../helpers/raw-client.js";
import type { RawPeer } from "../helpers/raw-client.js";

const info = { name: "defaults-test", version: "0.0.1" };

/** The SEP-1034 schema of the conformance scenario, plus kinds that get no default. */
const schema = {
  type: "object",
  properties: {
    name: { type: "string", default: "John Doe" },
    age: { type: "integer", default: 30 },
    score: { type: "number", default: 95.5 },
    status: { type: "string", enum: ["active", "inactive", "pending"], default: "active" },
    verified: { type: "boolean", default: true },
    tags: { type: "array", items: { type: "string" }, default: ["a"] },
    plain: { type: "string" },
  },
};
const ALL_DEFAULTS = { name: "John Doe", age: 30, score: 95.5, status: "active", verified: true };

describe("applyFormDefaults", () => {
  it("fills every omitted primitive property from its default", () => {
    expect(applyFormDefaults(schema, {})).toEqual(ALL_DEFAULTS);
    expect(applyFormDefaults(schema, undefined)).toEqual(ALL_DEFAULTS);
  });

  it("keeps what the answer set, null and falsy values included, and does not mutate it", () => {
    const content = { name: "", age: 0, verified: false, status: null };
    expect(applyFormDefaults(schema, content)).toEqual({ ...content, score: 95.5 });
    expect(content).toEqual({ name: "", age: 0, verified: false, status: null });
  });

  it("skips defaults of the wrong type, outside the enum, or on non-primitive properties", () => {
    const odd = {
      properties: {
        a: { type: "integer", default: 1.5 },
        b: { type: "boolean", default: "yes" },
        c: { type: "string", enum: ["x"], default: "y" },
        d: { type: "object", default: {} },
        e: { enum: ["x", "y"], default: "y" },
        f: { type: "number", default: 2 },
      },
    };
    expect(applyFormDefaults(odd, {})).toEqual({ e: "y", f: 2 });
    expect(applyFormDefaults(undefined, { kept: 1 })).toEqual({ kept: 1 });
  });

  it("applies only to an accepted form request", () => {
    const params = { message: "m", requestedSchema: schema };
    expect(withFormDefaults(params, { action: "accept" })).toEqual({
      action: "accept",
      content: ALL_DEFAULTS,
    });
    expect(withFormDefaults({ ...params, mode: "form" }, { action: "accept", content: {} })).toEqual({
      action: "accept",
      content: ALL_DEFAULTS,
    });
    expect(withFormDefaults(params, { action: "decline" })).toEqual({ action: "decline" });
    const url = { mode: "url", message: "m", url: "https://example.com" };
    expect(withFormDefaults(url, { action: "accept" })).toEqual({ action: "accept" });
  });
});

/** Answers server/discover as a 2026-07-28 server, then plays `script` with the client's requests. */
async function modernServer(peer: RawPeer): Promise<void> {
  await peer.waitFor(1);
  const discover = peer.received[0] as { id: number };
  await peer.send({
    jsonrpc: "2.0",
    id: discover.id,
    result: {
      resultType: "complete",
      supportedVersions: ["2026-07-28"],
      capabilities: { tools: {} },
      serverInfo: { name: "s", version: "1" },
    },
  });
}

async function legacyServer(peer: RawPeer): Promise<void> {
  await peer.waitFor(1);
  const init = peer.received[0] as { id: number };
  await peer.send({
    jsonrpc: "2.0",
    id: init.id,
    result: { protocolVersion: "2025-11-25", capabilities: {}, serverInfo: { name: "s", version: "1" } },
  });
  await peer.waitFor(2); // notifications/initialized
}

const withDefaults = { capabilities: { elicitation: { form: { applyDefaults: true } } } };

describe("Client elicitation defaults", () => {
  it("fills defaults into a legacy elicitation/create answer when declared", async () => {
    const { peer, transport } = await createRawPeer();
    const client = new Client(info, { ...withDefaults, mode: "legacy" });
    client.handle("elicitation/create", () => ({ action: "accept", content: { name: "Ann" } }));
    const serving = legacyServer(peer);
    await client.connect(transport);
    await serving;
    const answer = (await peer.exchange({
      jsonrpc: "2.0",
      id: 7,
      method: "elicitation/create",
      params: { message: "m", requestedSchema: schema },
    })) as { result: unknown };
    expect(answer.result).toEqual({ action: "accept", content: { ...ALL_DEFAULTS, name: "Ann" } });
    await client.close();
  });

  it("leaves the answer alone when applyDefaults is not declared", async () => {
    const { peer, transport } = await createRawPeer();
    const client = new Client(info, { capabilities: { elicitation: {} }, mode: "legacy" });
    client.handle("elicitation/create", () => ({ action: "accept", content: {} }));
    const serving = legacyServer(peer);
    await client.connect(transport);
    await serving;
    const answer = (await peer.exchange({
      jsonrpc: "2.0",
      id: 7,
      method: "elicitation/create",
      params: { message: "m", requestedSchema: schema },
    })) as { result: unknown };
    expect(answer.result).toEqual({ action: "accept", content: {} });
    await client.close();
  });

  it("fills defaults into the inputResponses of a 2026-07-28 input_required round", async () => {
    const { peer, transport } = await createRawPeer();
    const client = new Client(info, withDefaults);
    client.handle("elicitation/create", () => ({ action: "accept", content: {} }));
    const serving = modernServer(peer);
    await client.connect(transport);
    await serving;
    const call = client.callTool({ name: "t", arguments: {} });
    await peer.waitFor(2);
    const first = peer.received[1] as { id: number };
    const retry = (await peer.exchange({
      jsonrpc: "2.0",
      id: first.id,
      result: {
        resultType: "input_required",
        inputRequests: {
          form: { method: "elicitation/create", params: { message: "m", requestedSchema: schema } },
        },
        requestState: "s1",
      },
    })) as { id: number; params: { inputResponses: unknown; requestState: unknown } };
    expect(retry.params.inputResponses).toEqual({ form: { action: "accept", content: ALL_DEFAULTS } });
    expect(retry.params.requestState).toBe("s1");
    await peer.send({
      jsonrpc: "2.0",
      id: retry.id,
      result: { resultType: "complete", content: [] },
    });
    await expect(call).resolves.toMatchObject({ content: [] });
    await client.close();
  });
});
