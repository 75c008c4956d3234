import { describe, expect, it } from "vitest";
import { missingClientCapability } from "../../src/protocol/index.js";
import { Server } from "../../src/server/index.js";
import { createRawPeer } from "../helpers/raw-client.js";

const MODERN_META = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1" },
};

function exampleServer() {
  return new Server({ name: "eras", version: "1.2.3" }, { instructions: "Be nice." })
    .handle("tools/list", () => ({ tools: [] }))
    .handle("tools/call", (_params, ctx) => ({
      content: [{ type: "text", text: `${ctx.era} ${ctx.protocolVersion} ${ctx.clientInfo?.name ?? "?"}` }],
    }));
}

async function connected() {
  const { peer, transport } = await createRawPeer();
  await exampleServer().connect(transport);
  return peer;
}

function initialize(id: number | string, protocolVersion: string) {
  return {
    jsonrpc: "2.0",
    id,
    method: "initialize",
    params: { protocolVersion, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  };
}

describe("legacy lifecycle", () => {
  it("echoes a supported legacy version and declares derived capabilities", async () => {
    const peer = await connected();
    expect(await peer.exchange(initialize(1, "2025-06-18"))).toEqual({
      jsonrpc: "2.0",
      id: 1,
      result: {
        protocolVersion: "2025-06-18",
        capabilities: { tools: {} },
        serverInfo: { name: "eras", version: "1.2.3" },
        instructions: "Be nice.",
      },
    });
  });

  it.each(["2099-01-01", "2026-07-28", "2024-10-07"])(
    "counter-offers the newest legacy version for %s",
    async (offer) => {
      const peer = await connected();
      const answer = (await peer.exchange(initialize(1, offer))) as { result: { protocolVersion: string } };
      expect(answer.result.protocolVersion).toBe("2025-11-25");
    },
  );

  it("rejects requests before initialize but answers ping", async () => {
    const peer = await connected();
    expect(await peer.exchange({ jsonrpc: "2.0", id: 1, method: "tools/list" })).toMatchObject({
      id: 1,
      error: { code: -32600, message: expect.stringContaining("not initialized") },
    });
    expect(await peer.exchange({ jsonrpc: "2.0", id: 2, method: "ping" })).toEqual({
      jsonrpc: "2.0",
      id: 2,
      result: {},
    });
  });

  it("serves after initialize with the negotiated version in the context", async () => {
    const peer = await connected();
    await peer.exchange(initialize(1, "2025-03-26"));
    await peer.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    expect(
      await peer.exchange({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "x" } }),
    ).toEqual({
      jsonrpc: "2.0",
      id: 2,
      result: { content: [{ type: "text", text: "legacy 2025-03-26 raw" }] },
    });
    expect(
      await peer.exchange({
        jsonrpc: "2.0",
        id: 3,
        method: "server/discover",
        params: { _meta: MODERN_META },
      }),
    ).toMatchObject({
      error: { code: -32601 },
    });
  });

  it("rejects malformed initialize params with -32602 and a second initialize with -32600", async () => {
    const peer = await connected();
    expect(
      await peer.exchange({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: 5 } }),
    ).toMatchObject({
      error: { code: -32602 },
    });
    await peer.exchange(initialize(2, "2025-11-25"));
    expect(await peer.exchange(initialize(3, "2025-11-25"))).toMatchObject({ error: { code: -32600 } });
  });

  it("accepts batches only in 2025-03-26, and never initialize inside one", async () => {
    const batchPeer = await connected();
    expect(await batchPeer.exchange([initialize(1, "2025-03-26")])).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32600, message: "Invalid Request: batches are not supported" },
    });
    await batchPeer.exchange(initialize(2, "2025-03-26"));
    const answer = await batchPeer.exchange([
      { jsonrpc: "2.0", id: 3, method: "tools/list" },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      initialize(4, "2025-03-26"),
    ]);
    expect(answer).toEqual([
      { jsonrpc: "2.0", id: 3, result: { tools: [] } },
      { jsonrpc: "2.0", id: 4, error: { code: -32600, message: "initialize must not be part of a batch" } },
    ]);

    const later = await connected();
    await later.exchange(initialize(1, "2025-06-18"));
    expect(await later.exchange([{ jsonrpc: "2.0", id: 2, method: "tools/list" }])).toMatchObject({
      id: null,
      error: { code: -32600 },
    });
  });
});

describe("2026-07-28 era", () => {
  it("answers server/discover with versions, capabilities and serverInfo in _meta", async () => {
    const peer = await connected();
    expect(
      await peer.exchange({
        jsonrpc: "2.0",
        id: 1,
        method: "server/discover",
        params: { _meta: MODERN_META },
      }),
    ).toEqual({
      jsonrpc: "2.0",
      id: 1,
      result: {
        supportedVersions: ["2026-07-28"],
        capabilities: { tools: {} },
        instructions: "Be nice.",
        resultType: "complete",
        ttlMs: 0,
        cacheScope: "private",
        _meta: { "io.modelcontextprotocol/serverInfo": { name: "eras", version: "1.2.3" } },
      },
    });
  });

  it("serves requests with per-request _meta and completes results", async () => {
    const peer = await connected();
    const answer = await peer.exchange({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "x", _meta: MODERN_META },
    });
    expect(answer).toEqual({
      jsonrpc: "2.0",
      id: 1,
      result: {
        content: [{ type: "text", text: "modern 2026-07-28 raw" }],
        resultType: "complete",
        _meta: { "io.modelcontextprotocol/serverInfo": { name: "eras", version: "1.2.3" } },
      },
    });
    const list = (await peer.exchange({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/list",
      params: { _meta: MODERN_META },
    })) as {
      result: Record<string, unknown>;
    };
    expect(list.result).toMatchObject({ tools: [], ttlMs: 0, cacheScope: "private", resultType: "complete" });
  });

  it("answers an unsupported version with -32022 and the supported list", async () => {
    const peer = await connected();
    const meta = { ...MODERN_META, "io.modelcontextprotocol/protocolVersion": "2027-01-01" };
    expect(
      await peer.exchange({ jsonrpc: "2.0", id: 9, method: "tools/list", params: { _meta: meta } }),
    ).toEqual({
      jsonrpc: "2.0",
      id: 9,
      error: {
        code: -32022,
        message: "Unsupported protocol version: 2027-01-01",
        data: { supported: ["2026-07-28"], requested: "2027-01-01" },
      },
    });
  });

  it("requires clientCapabilities in _meta (-32602) and removes legacy-only methods (-32601)", async () => {
    const peer = await connected();
    const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28" };
    expect(
      await peer.exchange({ jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: meta } }),
    ).toMatchObject({
      error: { code: -32602, message: expect.stringContaining("clientCapabilities") },
    });
    expect(
      await peer.exchange({ jsonrpc: "2.0", id: 2, method: "ping", params: { _meta: MODERN_META } }),
    ).toMatchObject({
      error: { code: -32601 },
    });
    // Failed requests fix no era; once one succeeds, initialize is a method that does not exist.
    await peer.exchange({ jsonrpc: "2.0", id: 3, method: "tools/list", params: { _meta: MODERN_META } });
    expect(await peer.exchange(initialize(4, "2025-11-25"))).toMatchObject({ error: { code: -32601 } });
  });

  it("answers -32021 with the required capabilities when a handler needs one the request lacks", async () => {
    const { peer, transport } = await createRawPeer();
    await new Server({ name: "needs", version: "1" })
      .handle("tools/call", (_params, ctx) => {
        if (!ctx.clientCapabilities.elicitation)
          throw missingClientCapability({ elicitation: {} }, "elicitation");
        return { content: [] };
      })
      .connect(transport);
    expect(
      await peer.exchange({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "x", _meta: MODERN_META },
      }),
    ).toEqual({
      jsonrpc: "2.0",
      id: 1,
      error: {
        code: -32021,
        message: "Missing required client capability: elicitation",
        data: { requiredCapabilities: { elicitation: {} } },
      },
    });
  });
});
