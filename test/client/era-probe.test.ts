import { describe, expect, it } from "vitest";
import { Client } from "../../src/client/index.js";
import { Server } from "../../src/server/index.js";
import { createMemoryTransportPair } from "../../src/transport/index.js";
import { createRawPeer } from "../helpers/raw-client.js";
import type { RawPeer } from "../helpers/raw-client.js";

const info = { name: "probe-test", version: "0.0.1" };

function dualServer() {
  return new Server({ name: "dual", version: "1" }).handle("tools/list", (_p, ctx) => ({
    tools: [],
    _meta: { era: ctx.era },
  }));
}

/** Plays a legacy-only server on the wire: `answerDiscover` decides what server/discover gets. */
function legacyServer(peer: RawPeer, answerDiscover: "method-not-found" | "silence") {
  const seen: string[] = [];
  let handled = 0;
  const loop = async () => {
    for (;;) {
      await peer.waitFor(handled + 1, 5_000);
      const message = peer.received[handled++] as { id?: number; method: string };
      seen.push(message.method);
      if (message.method === "server/discover" && answerDiscover === "method-not-found") {
        await peer.send({
          jsonrpc: "2.0",
          id: message.id,
          error: { code: -32601, message: "Method not found" },
        });
      } else if (message.method === "initialize") {
        await peer.send({
          jsonrpc: "2.0",
          id: message.id,
          result: {
            protocolVersion: "2025-06-18",
            capabilities: { tools: {} },
            serverInfo: { name: "old", version: "9" },
          },
        });
      } else if (message.method === "tools/list") {
        await peer.send({ jsonrpc: "2.0", id: message.id, result: { tools: [] } });
      }
    }
  };
  void loop().catch(() => {});
  return seen;
}

describe("client era probe", () => {
  it("speaks 2026-07-28 to a dual-era server without initialize", async () => {
    const [a, b] = createMemoryTransportPair();
    await dualServer().connect(b);
    const client = new Client(info);
    await client.connect(a);
    expect(client.era).toBe("modern");
    expect(client.protocolVersion).toBe("2026-07-28");
    expect(client.serverInfo).toEqual({ name: "dual", version: "1" });
    expect(await client.request("tools/list")).toMatchObject({
      _meta: { era: "modern" },
      resultType: "complete",
    });
  });

  it("falls back to initialize when server/discover gets a non-modern error", async () => {
    const { peer, transport } = await createRawPeer();
    const seen = legacyServer(peer, "method-not-found");
    const client = new Client(info);
    await client.connect(transport);
    expect(client.era).toBe("legacy");
    expect(client.protocolVersion).toBe("2025-06-18");
    expect(seen).toEqual(["server/discover", "initialize", "notifications/initialized"]);
    await client.request("tools/list");
    const last = peer.received.at(-1) as { params?: unknown };
    expect(last.params).toBeUndefined(); // no modern _meta on legacy requests
  });

  it("falls back to initialize when the probe times out", async () => {
    const { peer, transport } = await createRawPeer();
    const seen = legacyServer(peer, "silence");
    const client = new Client(info, { probeTimeoutMs: 50 });
    await client.connect(transport);
    expect(client.era).toBe("legacy");
    expect(seen.slice(0, 2)).toEqual(["server/discover", "notifications/cancelled"]);
    expect(seen).toContain("initialize");
  });

  it("uses initialize only, in legacy mode", async () => {
    const [a, b] = createMemoryTransportPair();
    await dualServer().connect(b);
    const client = new Client(info, { mode: "legacy" });
    await client.connect(a);
    expect(client.era).toBe("legacy");
    expect(client.protocolVersion).toBe("2025-11-25");
    expect(await client.request("tools/list")).toEqual({ tools: [], _meta: { era: "legacy" } });
  });

  it("treats -32022 as modern: no fallback to initialize when no version is common", async () => {
    const { peer, transport } = await createRawPeer();
    const client = new Client(info);
    const connecting = client.connect(transport);
    await peer.waitFor(1);
    const first = peer.received[0] as { id: number };
    await peer.send({
      jsonrpc: "2.0",
      id: first.id,
      error: {
        code: -32022,
        message: "Unsupported",
        data: { supported: ["2030-01-01"], requested: "2026-07-28" },
      },
    });
    await expect(connecting).rejects.toMatchObject({ code: -32022 });
    expect(peer.received.map((m) => (m as { method: string }).method)).toEqual(["server/discover"]);
  });

  it("falls back to initialize when server/discover gets a result that is no DiscoverResult", async () => {
    const { peer, transport } = await createRawPeer();
    const client = new Client(info, { probeTimeoutMs: 1_000 });
    const connecting = client.connect(transport);
    await peer.waitFor(1);
    await peer.send({ jsonrpc: "2.0", id: (peer.received[0] as { id: number }).id, result: {} });
    await peer.waitFor(2);
    const init = peer.received[1] as { id: number; method: string };
    expect(init.method).toBe("initialize");
    await peer.send({
      jsonrpc: "2.0",
      id: init.id,
      result: { protocolVersion: "2025-06-18", capabilities: {}, serverInfo: { name: "any", version: "1" } },
    });
    await connecting;
    expect(client.era).toBe("legacy");
  });

  it("retries server/discover once when -32022 lists the very version it sent", async () => {
    const { peer, transport } = await createRawPeer();
    const client = new Client(info);
    const connecting = client.connect(transport);
    await peer.waitFor(1);
    const refused = {
      code: -32022,
      message: "Unsupported",
      data: { supported: ["2026-07-28"], requested: "x" },
    };
    await peer.send({ jsonrpc: "2.0", id: (peer.received[0] as { id: number }).id, error: refused });
    await peer.waitFor(2);
    const retry = peer.received[1] as { id: number; method: string };
    expect(retry.method).toBe("server/discover");
    await peer.send({
      jsonrpc: "2.0",
      id: retry.id,
      result: { supportedVersions: ["2026-07-28"], capabilities: {}, resultType: "complete" },
    });
    await connecting;
    expect(client.era).toBe("modern");
  });
});
