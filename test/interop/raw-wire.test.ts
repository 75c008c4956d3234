import { afterEach, describe, expect, it } from "vitest";
import { StdioWire } from "../helpers/stdio-wire.js";

/* Exact answers of examples/lowlevel-server.ts to raw stdio input, per revision; it keeps serving. */

const wires: StdioWire[] = [];
function server(): StdioWire {
  const wire = new StdioWire("examples/lowlevel-server.ts");
  wires.push(wire);
  return wire;
}
afterEach(async () => {
  await Promise.all(wires.splice(0).map((wire) => wire.close()));
});

const initialize = (id: number, protocolVersion: string) => ({
  jsonrpc: "2.0",
  id,
  method: "initialize",
  params: { protocolVersion, capabilities: {}, clientInfo: { name: "raw", version: "1" } },
});
const modernMeta = (version: string) => ({
  "io.modelcontextprotocol/protocolVersion": version,
  "io.modelcontextprotocol/clientCapabilities": {},
});
const promptNames = { prompts: [expect.objectContaining({ name: "example-prompt" })] };

describe("raw stdio wire", () => {
  it("answers garbage, invalid messages, early requests and unknown versions exactly, and keeps serving", async () => {
    const wire = server();
    expect(await wire.exchange("this is not json")).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32700, message: "Parse error" },
    });
    expect(await wire.exchange('{"jsonrpc":"2.0","id":1,"Method":"prompts/list"}')).toEqual({
      jsonrpc: "2.0",
      id: 1,
      error: { code: -32600, message: "Invalid Request" },
    });
    expect(await wire.exchange('{"jsonrpc":"2.0","id":{"no":1},"method":"prompts/list"}')).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32600, message: "Invalid Request" },
    });
    expect(await wire.exchange({ jsonrpc: "2.0", id: 2, method: "prompts/list" })).toEqual({
      jsonrpc: "2.0",
      id: 2,
      error: {
        code: -32600,
        message:
          "Server not initialized: send initialize first, or a 2026-07-28 request with _meta protocolVersion",
      },
    });
    expect(await wire.exchange(initialize(3, "1999-01-01"))).toEqual({
      jsonrpc: "2.0",
      id: 3,
      result: {
        protocolVersion: "2025-11-25",
        capabilities: { prompts: {} },
        serverInfo: { name: "example-server", version: "0.1.0" },
      },
    });
    wire.write('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    // 2025-11-25 has no batches: one -32600 with id null for the whole array.
    expect(await wire.exchange([{ jsonrpc: "2.0", id: 4, method: "prompts/list" }])).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32600, message: "Invalid Request: batches are not supported" },
    });
    expect(await wire.exchange({ jsonrpc: "2.0", id: 5, method: "prompts/list" })).toEqual({
      jsonrpc: "2.0",
      id: 5,
      result: promptNames,
    });
  });

  it("answers a 2025-03-26 batch with one array, in order, and refuses initialize inside a batch", async () => {
    const wire = server();
    expect(await wire.exchange([initialize(1, "2025-03-26")])).toMatchObject({
      id: null,
      error: { code: -32600 },
    });
    expect(await wire.exchange(initialize(2, "2025-03-26"))).toMatchObject({
      result: { protocolVersion: "2025-03-26" },
    });
    const answer = await wire.exchange([
      { jsonrpc: "2.0", method: "notifications/initialized" },
      {
        jsonrpc: "2.0",
        id: 3,
        method: "prompts/get",
        params: { name: "example-prompt", arguments: { arg1: "x" } },
      },
      { jsonrpc: "2.0", id: 4, method: "prompts/list" },
      { jsonrpc: "2.0", id: 5, method: "nope/nope" },
    ]);
    expect(answer).toEqual([
      {
        jsonrpc: "2.0",
        id: 3,
        result: {
          description: "Example prompt",
          messages: [
            { role: "user", content: { type: "text", text: "Example prompt text with argument: x" } },
          ],
        },
      },
      { jsonrpc: "2.0", id: 4, result: promptNames },
      { jsonrpc: "2.0", id: 5, error: { code: -32601, message: "Method not found: nope/nope" } },
    ]);
  });

  it("answers a 2026 request with an unsupported version with -32022, then serves 2026-07-28", async () => {
    const wire = server();
    const params = { _meta: modernMeta("2030-01-01") };
    expect(await wire.exchange({ jsonrpc: "2.0", id: "a", method: "prompts/list", params })).toEqual({
      jsonrpc: "2.0",
      id: "a",
      error: {
        code: -32022,
        message: "Unsupported protocol version: 2030-01-01",
        data: { supported: ["2026-07-28"], requested: "2030-01-01" },
      },
    });
    const modern = { _meta: modernMeta("2026-07-28") };
    expect(await wire.exchange({ jsonrpc: "2.0", id: "b", method: "prompts/list", params: modern })).toEqual({
      jsonrpc: "2.0",
      id: "b",
      result: {
        ...promptNames,
        resultType: "complete",
        ttlMs: 0,
        cacheScope: "private",
        _meta: { "io.modelcontextprotocol/serverInfo": { name: "example-server", version: "0.1.0" } },
      },
    });
  });

  it("exits when stdin closes", async () => {
    const wire = server();
    await wire.exchange({ jsonrpc: "2.0", id: 1, method: "ping" });
    expect(await wire.close()).toBe(0);
  });
});
