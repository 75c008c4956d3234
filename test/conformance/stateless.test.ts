import { describe, expect, it } from "vitest";
import type { JsonObject } from "mcpkit";
import { rawFixture } from "./raw-fixture.js";

/* The server-stateless (SEP-2575) diagnostic tools on the 2026-07-28 wire, as alpha.12 probes them. */

describe("server-stateless diagnostics (2026-07-28 wire)", () => {
  it("test_missing_capability: -32021 naming { sampling: {} } when sampling is undeclared", async () => {
    const { call } = await rawFixture();
    const answer = await call(
      "test_missing_capability",
      {},
      { "io.modelcontextprotocol/clientCapabilities": {} },
    );
    expect(answer.error).toMatchObject({ code: -32021, data: { requiredCapabilities: { sampling: {} } } });
    const declared = await call("test_missing_capability");
    expect(Object.keys(declared.result!.inputRequests as JsonObject)).toEqual(["llm_answer"]);
  });

  it("test_logging_tool: no log without a logLevel in _meta, one with it", async () => {
    const { call } = await rawFixture();
    const silent = await call("test_logging_tool");
    expect(silent.before).toEqual([]);
    expect(silent.result).toMatchObject({ resultType: "complete" });
    const logged = await call("test_logging_tool", {}, { "io.modelcontextprotocol/logLevel": "debug" });
    expect(logged.before).toEqual([
      expect.objectContaining({
        method: "notifications/message",
        params: expect.objectContaining({ level: "info" }),
      }),
    ]);
  });

  it("test_streaming_elicitation: the ask comes back as a result, never as a request on the stream", async () => {
    const { call } = await rawFixture();
    const answer = await call(
      "test_streaming_elicitation",
      {},
      {
        "io.modelcontextprotocol/clientCapabilities": { elicitation: {} },
      },
    );
    expect(answer.before).toEqual([]);
    expect(answer.result).toMatchObject({ resultType: "input_required", inputRequests: { confirm: {} } });
  });

  it("test_trigger_tool_change / test_trigger_prompt_change notify the listen streams that asked", async () => {
    const { peer, request, call } = await rawFixture();
    const listen = async (id: number, notifications: JsonObject) => {
      const start = peer.received.length;
      await peer.send({
        jsonrpc: "2.0",
        id,
        method: "subscriptions/listen",
        params: {
          notifications,
          _meta: {
            "io.modelcontextprotocol/protocolVersion": "2026-07-28",
            "io.modelcontextprotocol/clientCapabilities": {},
          },
        },
      });
      await peer.waitFor(start + 1);
      expect(peer.received[start]).toMatchObject({ method: "notifications/subscriptions/acknowledged" });
    };
    await listen(900, { toolsListChanged: true });
    await listen(901, { promptsListChanged: true });
    const before = peer.received.length;
    await call("test_trigger_tool_change");
    await call("test_trigger_prompt_change");
    const changes = peer.received
      .slice(before)
      .filter((message) => String((message as JsonObject).method).endsWith("list_changed"));
    expect(changes).toEqual([
      {
        jsonrpc: "2.0",
        method: "notifications/tools/list_changed",
        params: { _meta: { "io.modelcontextprotocol/subscriptionId": 900 } },
      },
      {
        jsonrpc: "2.0",
        method: "notifications/prompts/list_changed",
        params: { _meta: { "io.modelcontextprotocol/subscriptionId": 901 } },
      },
    ]);
    const tools = (await request("tools/list", {})).result!.tools as { name: string }[];
    expect(tools.map((tool) => tool.name)).not.toContain("test_transient_tool");
  });
});
