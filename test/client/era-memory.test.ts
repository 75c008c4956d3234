import { describe, expect, it } from "vitest";
import { Client } from "../../src/client/index.js";
import { createEraMemory } from "../../src/protocol/index.js";
import type { EraMemory } from "../../src/protocol/index.js";
import { Server } from "../../src/server/index.js";
import { createMemoryTransportPair } from "../../src/transport/index.js";
import type { Transport } from "../../src/transport/index.js";
import { createRawPeer } from "../helpers/raw-client.js";
import type { RawPeer } from "../helpers/raw-client.js";

const info = { name: "memory-test", version: "0.0.1" };

/** A transport that names its server, as the stdio and HTTP transports do. */
function named(transport: Transport, peer: string): Transport {
  return {
    peer,
    start: (handlers) => transport.start(handlers),
    send: (payload, options) => transport.send(payload, options),
    close: () => transport.close(),
  };
}

/**
 * Plays a server on the wire. "legacy" never answers server/discover (the slow case the memory
 * saves); "modern-only" refuses initialize and answers server/discover.
 */
function scriptedServer(peer: RawPeer, kind: "legacy" | "modern-only"): string[] {
  const seen: string[] = [];
  let handled = 0;
  const reply = (id: number, body: object) => peer.send({ jsonrpc: "2.0", id, ...body });
  const loop = async () => {
    for (;;) {
      await peer.waitFor(handled + 1, 5_000);
      const message = peer.received[handled++] as { id: number; method: string };
      seen.push(message.method);
      if (message.method === "initialize" && kind === "legacy") {
        const serverInfo = { name: "old", version: "1" };
        await reply(message.id, { result: { protocolVersion: "2025-06-18", capabilities: {}, serverInfo } });
      } else if (message.method === "initialize") {
        await reply(message.id, { error: { code: -32601, message: "Method not found: initialize" } });
      } else if (message.method === "server/discover" && kind === "modern-only") {
        await reply(message.id, {
          result: { supportedVersions: ["2026-07-28"], capabilities: {}, resultType: "complete" },
        });
      }
    }
  };
  void loop().catch(() => {});
  return seen;
}

async function connectScripted(kind: "legacy" | "modern-only", eraMemory: EraMemory | false) {
  const { peer, transport } = await createRawPeer();
  const seen = scriptedServer(peer, kind);
  const client = new Client(info, { eraMemory, probeTimeoutMs: 100 });
  await client.connect(named(transport, "server-a"));
  return { client, seen };
}

describe("era memory", () => {
  it("skips the probe for a server it knows to be legacy", async () => {
    const memory = createEraMemory();
    const first = await connectScripted("legacy", memory);
    expect(first.seen.slice(0, 2)).toEqual(["server/discover", "notifications/cancelled"]);
    expect(memory.get("server-a")).toEqual({ era: "legacy", protocolVersion: "2025-06-18" });

    const started = Date.now();
    const second = await connectScripted("legacy", memory);
    expect(second.client.era).toBe("legacy");
    expect(second.seen).toEqual(["initialize", "notifications/initialized"]);
    expect(Date.now() - started).toBeLessThan(100); // no probe timeout waited out
  });

  it("probes afresh when a remembered legacy server now refuses initialize", async () => {
    const memory = createEraMemory();
    memory.set("server-a", { era: "legacy", protocolVersion: "2025-06-18" });
    const { client, seen } = await connectScripted("modern-only", memory);
    expect(client.era).toBe("modern");
    expect(seen).toEqual(["initialize", "server/discover"]);
    expect(memory.get("server-a")).toEqual({ era: "modern", protocolVersion: "2026-07-28" });
  });

  it("probes every time with eraMemory: false", async () => {
    await connectScripted("legacy", false);
    const { seen } = await connectScripted("legacy", false);
    expect(seen[0]).toBe("server/discover");
  });

  it("learns nothing from a connect that insisted on an era", async () => {
    const memory = createEraMemory();
    const dual = () => new Server({ name: "dual", version: "1" });
    const [a, b] = createMemoryTransportPair();
    await dual().connect(b);
    const legacyClient = new Client(info, { mode: "legacy", eraMemory: memory });
    await legacyClient.connect(named(a, "dual"));
    expect(memory.get("dual")).toBeUndefined();

    const [c, d] = createMemoryTransportPair();
    await dual().connect(d);
    const autoClient = new Client(info, { eraMemory: memory });
    await autoClient.connect(named(c, "dual"));
    expect(autoClient.era).toBe("modern");
    expect(memory.get("dual")?.era).toBe("modern");
  });

  it("forgets the least recently used server beyond its bound", () => {
    const memory = createEraMemory(2);
    const legacy = { era: "legacy", protocolVersion: "2025-06-18" } as const;
    memory.set("a", legacy);
    memory.set("b", legacy);
    memory.get("a"); // a is now the most recently used
    memory.set("c", legacy);
    expect([memory.get("a"), memory.get("b"), memory.get("c")]).toEqual([legacy, undefined, legacy]);
  });
});
