import { describe, expect, it } from "vitest";
import { McpServer, Server } from "mcpkit";
import type { HttpServable } from "mcpkit/http";
import { createMcpHandler } from "mcpkit/http";
import { deferred } from "../helpers/http.js";
import { modernRequest, sseMessages, within } from "./helpers.js";

/*
 * A 2026-07-28 POST is answered on its own, with no connection: JSON when the handler only
 * answers, an SSE stream as soon as it sends something first, whenever in its run that happens.
 */

const BASE = "http://127.0.0.1:3000/mcp";

function call(server: HttpServable, name: string, meta: Record<string, unknown> = {}): Promise<Response> {
  const { body, headers } = modernRequest("tools/call", { name, arguments: {} }, meta);
  return createMcpHandler(server).fetch(
    new Request(BASE, {
      method: "POST",
      headers: { host: "127.0.0.1:3000", ...headers },
      body: JSON.stringify(body),
    }),
  );
}

const INFO_LOGS = { "io.modelcontextprotocol/logLevel": "info" };

describe("2026-07-28 replies over HTTP", { timeout: 5_000 }, () => {
  it("answers in JSON when the handler only answers, synchronously or not", async () => {
    const mcp = new McpServer({ name: "replies", version: "1" });
    mcp.tool("now", () => "now");
    mcp.tool("later", async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return "later";
    });
    for (const name of ["now", "later"]) {
      const response = await call(mcp, name);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.json()).toMatchObject({
        id: 1,
        result: { content: [{ type: "text", text: name }], resultType: "complete" },
      });
    }
  });

  it("streams a log sent before a synchronous answer, then the answer", async () => {
    const mcp = new McpServer({ name: "replies", version: "1" });
    mcp.tool("chatty", (_args, ctx) => {
      void ctx.info("working");
      return "done";
    });
    const response = await call(mcp, "chatty", INFO_LOGS);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(sseMessages(await response.text())).toMatchObject([
      { method: "notifications/message", params: { level: "info", data: "working" } },
      { id: 1, result: { content: [{ text: "done" }] } },
    ]);
  });

  it("opens the stream as soon as a pending handler sends something, before or after its first await", async () => {
    const release = deferred();
    // Low level: the handler runs synchronously inside the request, so "before the first await"
    // really is before the server has handed back its pending answer.
    const server = new Server({ name: "replies", version: "1" });
    server.handle("tools/call", async (params, ctx) => {
      const progress = (message: string) =>
        void ctx.notify("notifications/progress", { progressToken: "t", progress: 1, message });
      if (params.name === "early") progress("before the first await");
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (params.name === "late") progress("after an await");
      await release.promise;
      return { content: [{ type: "text", text: `${params.name} done` }] };
    });
    // Both replies arrive (as streams) while the handlers still wait for the release.
    const early = await within(call(server, "early"), "the early stream");
    const late = await within(call(server, "late"), "the late stream");
    for (const response of [early, late]) {
      expect(response.headers.get("content-type")).toBe("text/event-stream");
    }
    release.resolve();
    expect(sseMessages(await early.text())).toMatchObject([
      { method: "notifications/progress", params: { message: "before the first await" } },
      { result: { content: [{ text: "early done" }] } },
    ]);
    expect(sseMessages(await late.text())).toMatchObject([
      { method: "notifications/progress", params: { message: "after an await" } },
      { result: { content: [{ text: "late done" }] } },
    ]);
  });

  it("drops what a handler sends after its answer: the JSON reply is already complete", async () => {
    const sentLate = deferred<void>();
    const mcp = new McpServer({ name: "replies", version: "1" });
    mcp.tool("afterwards", (_args, ctx) => {
      setTimeout(() => void ctx.info("too late").then(() => sentLate.resolve()), 1);
      return "answered";
    });
    const response = await call(mcp, "afterwards", INFO_LOGS);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toMatchObject({ result: { content: [{ text: "answered" }] } });
    await within(sentLate.promise, "the late log to settle");
  });

  it("gives a low-level handler no connection: the request stands alone", async () => {
    const server = new Server({ name: "low-level", version: "1" });
    let seen: unknown = "not called";
    server.handle("tools/call", (_params, ctx) => {
      seen = ctx.connection;
      return { content: [{ type: "text", text: ctx.era }] };
    });
    const response = await call(server, "anything");
    expect(await response.json()).toMatchObject({ result: { content: [{ text: "modern" }] } });
    expect(seen).toBeUndefined();
  });
});
