import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { HttpServable, McpHandlerOptions } from "mcpkit/http";
import { createTestServer } from "../fixtures/http/servers.js";
import type { ErrorBody } from "./helpers.js";
import {
  ACCEPT_BOTH,
  initialize,
  legacyHeaders,
  modernRequest,
  post,
  rawRequest,
  serveMcp,
  sleep,
  sseMessages,
  within,
} from "./helpers.js";

/*
 * The handler's safe defaults, probed with raw HTTP through the Node adapter on 127.0.0.1:
 * DNS-rebinding guards, content negotiation, body limits, sessions, cancellation, masking.
 */

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setup(options: McpHandlerOptions = {}, server?: HttpServable) {
  const { mcp, probes } = createTestServer();
  const served = await serveMcp(server ?? mcp, options);
  closers.push(async () => {
    await served.close();
    await mcp.close();
  });
  return { mcp, probes, url: served.url };
}

const PING = { jsonrpc: "2.0", id: 1, method: "ping" };
const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1.0.0" } },
};

async function errorOf(response: Response): Promise<ErrorBody> {
  expect(response.headers.get("content-type")).toBe("application/json");
  return (await response.json()) as ErrorBody;
}

/** Text that would betray the server's inside: file paths, source positions, stack frames. */
const LEAK = /\/(home|srv|opt|work)\/|\.[jt]s:\d|\bat \S+ \(|node:internal|Error: /;

describe("Host and Origin (DNS rebinding)", { timeout: 5_000 }, () => {
  it("refuses a Host that is not loopback (403), and accepts one listed in allowedHosts", async () => {
    const { url } = await setup();
    const headers = { "content-type": "application/json", accept: ACCEPT_BOTH };
    const evil = await rawRequest(url, {
      method: "POST",
      headers: { ...headers, host: `evil.example:${url.port}` },
      body: JSON.stringify(INITIALIZE),
    });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({
      id: null,
      error: { message: expect.stringMatching(/Host/) },
    });
    // The default accepts every loopback name, with any port.
    for (const host of [`localhost:${url.port}`, `127.0.0.1:${url.port}`, "[::1]:1234", "LOCALHOST"]) {
      const ok = await rawRequest(url, {
        method: "POST",
        headers: { ...headers, host },
        body: JSON.stringify(PING),
      });
      expect.soft(ok.status, host).not.toBe(403);
    }

    const listed = await setup({ allowedHosts: ["mcp.example.com"] });
    const allowed = await rawRequest(listed.url, {
      method: "POST",
      headers: { ...headers, host: `mcp.example.com:${listed.url.port}` },
      body: JSON.stringify(INITIALIZE),
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers["mcp-session-id"]).toMatch(/^[0-9a-f]{32}$/);
    // A list replaces the default: loopback is no longer accepted.
    const loopback = await rawRequest(listed.url, {
      method: "POST",
      headers: { ...headers, host: `127.0.0.1:${listed.url.port}` },
      body: JSON.stringify(PING),
    });
    expect(loopback.status).toBe(403);
  });

  it("refuses Origin: null and a hostile Origin (403); accepts a loopback Origin", async () => {
    const { url } = await setup();
    for (const origin of ["null", "https://evil.example", "http://localhost.evil.example", "not a url"]) {
      const response = await post(url, INITIALIZE, { origin });
      expect.soft(response.status, origin).toBe(403);
      expect.soft((await errorOf(response)).error.message, origin).toMatch(/Origin/);
    }
    for (const origin of ["http://localhost:5173", "http://127.0.0.1", "https://[::1]:8443"]) {
      const response = await post(url, INITIALIZE, { origin });
      expect.soft(response.status, origin).toBe(200);
      await response.body?.cancel();
    }
    // GET and DELETE are guarded too.
    expect((await fetch(url, { headers: { origin: "null", accept: "text/event-stream" } })).status).toBe(403);
    expect((await fetch(url, { method: "DELETE", headers: { origin: "https://evil.example" } })).status).toBe(
      403,
    );
  });
});

describe("content negotiation and body limits", { timeout: 5_000 }, () => {
  it("415 for a body that is not declared JSON, 406 for an Accept without text/event-stream", async () => {
    const { url } = await setup();
    const plain = await post(url, JSON.stringify(PING), { "content-type": "text/plain" });
    expect(plain.status).toBe(415);
    const form = await post(url, "a=1", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    const jsonOnly = await post(url, PING, { accept: "application/json" });
    expect(jsonOnly.status).toBe(406);
    expect((await errorOf(jsonOnly)).error.message).toMatch(/Accept/);
    const sseOnly = await post(url, PING, { accept: "text/event-stream" });
    expect(sseOnly.status).toBe(406);
    // application/json with parameters is still JSON.
    const charset = await post(url, INITIALIZE, { "content-type": "application/json; charset=utf-8" });
    expect(charset.status).toBe(200);
  });

  it("a small body over maxBodyBytes in bytes (not characters) is 413; one under it is served", async () => {
    const { url } = await setup({ maxBodyBytes: 400 });
    // 150 characters of 3 bytes each: under the cap in characters, over it in bytes.
    const wide = {
      ...INITIALIZE,
      params: { ...INITIALIZE.params, clientInfo: { name: "€".repeat(150), version: "1" } },
    };
    expect(JSON.stringify(wide).length).toBeLessThan(400);
    const refused = await post(url, wide);
    expect(refused.status).toBe(413);
    expect((await errorOf(refused)).error.message).toMatch(/400 bytes/);
    expect((await post(url, INITIALIZE)).status).toBe(200);
  });

  it("413 for a declared 5 MiB body, answered before a byte of it is sent", async () => {
    const { url } = await setup();
    const response = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      const req = httpRequest(url, {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          accept: ACCEPT_BOTH,
          "content-length": String(5 * 1024 * 1024),
        },
      });
      req.on("error", reject);
      req.on("response", (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, body, sent: req.writableLength });
          req.destroy();
        });
      });
      req.flushHeaders();
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({
      error: { message: expect.stringMatching(/Too Large/) },
    });
  });

  it("413 for a streamed (chunked) body past 4 MiB: answered while the body is still unfinished", async () => {
    const { url } = await setup();
    const MIB = 1024 * 1024;
    // 4.25 MiB of a 5 MiB body go out, then the client waits without ending it: only a server
    // that stops reading at the cap (rather than waiting for the end) can answer now.
    const outcome = await new Promise<{ status: number; body: string; sent: number; ended: boolean }>(
      (resolve, reject) => {
        const req = httpRequest(url, {
          method: "POST",
          agent: false,
          headers: {
            "content-type": "application/json",
            accept: ACCEPT_BOTH,
            "transfer-encoding": "chunked",
          },
        });
        let sent = 0;
        req.on("error", reject);
        req.on("response", (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, body, sent, ended: req.writableEnded });
            req.destroy();
          });
        });
        const head = Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"');
        req.write(head);
        sent += head.length;
        const chunk = Buffer.alloc(64 * 1024, "a");
        while (sent < 4.25 * MIB) {
          req.write(chunk);
          sent += chunk.length;
        }
      },
    );
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toMatchObject({
      error: { message: expect.stringMatching(/Too Large/) },
    });
    expect(outcome.ended).toBe(false);
    expect(outcome.sent).toBeLessThan(5 * MIB);
  });

  it("400 for JSON nested 10,000 deep (no stack overflow), 400 -32700 for invalid JSON", async () => {
    const { url } = await setup();
    const deep = `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"x":${"[".repeat(10_000)}${"]".repeat(10_000)}}}`;
    const nested = await post(url, deep);
    expect(nested.status).toBe(400);
    expect((await errorOf(nested)).error).toMatchObject({
      code: -32600,
      message: expect.stringMatching(/deep/),
    });
    const broken = await post(url, '{"jsonrpc":"2.0","id":1,"method":');
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toEqual({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32700, message: "Parse error" },
    });
    // The server is fine afterwards.
    expect((await post(url, INITIALIZE)).status).toBe(200);
  });
});

describe("sessions", { timeout: 5_000 }, () => {
  it("mints 128-bit random ids: 32 hex characters, different every time", async () => {
    const { url } = await setup();
    const ids = await Promise.all([1, 2, 3, 4].map((id) => initialize(url, id)));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("maxSessions: 3: four initializes succeed, then the least recently used session gets 404", async () => {
    const { url } = await setup({ maxSessions: 3 });
    const [first, second, third, fourth] = [
      await initialize(url, 1),
      await initialize(url, 2),
      await initialize(url, 3),
      await initialize(url, 4),
    ];
    const ping = (sessionId: string) => post(url, PING, legacyHeaders(sessionId));
    expect((await ping(first)).status).toBe(404);
    for (const live of [second, third, fourth]) expect((await ping(live)).status).toBe(200);
    // Using a session makes it recent: after touching #2, a fifth evicts #3, not #2.
    expect((await ping(second)).status).toBe(200);
    const fifth = await initialize(url, 5);
    expect((await ping(third)).status).toBe(404);
    for (const live of [second, fourth, fifth]) expect((await ping(live)).status).toBe(200);
  });

  it("idleTtlMs: 200: a session unused for 300 ms gets 404; one in use stays", async () => {
    const { url } = await setup({ idleTtlMs: 200 });
    const idle = await initialize(url, 1);
    const busy = await initialize(url, 2);
    for (let i = 0; i < 6; i++) {
      await sleep(50);
      expect((await post(url, PING, legacyHeaders(busy))).status).toBe(200);
    }
    expect((await post(url, PING, legacyHeaders(idle))).status).toBe(404);
    expect((await post(url, PING, legacyHeaders(busy))).status).toBe(200);
  });
});

describe("cancellation by disconnect", { timeout: 5_000 }, () => {
  it("2026-07-28: closing the SSE response stream aborts the handler's ctx.signal", async () => {
    const { url, probes } = await setup();
    const { body, headers } = modernRequest(
      "tools/call",
      { name: "wait_for_cancel", arguments: {} },
      { "io.modelcontextprotocol/logLevel": "info" },
    );
    const controller = new AbortController();
    const response = await post(url, body, headers, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = "";
    while (!text.includes("\n\n")) text += (await reader.read()).value ?? "";
    expect(sseMessages(text)).toMatchObject([
      { method: "notifications/message", params: { data: "waiting" } },
    ]);
    controller.abort();
    const reason = await within(probes.cancelled.promise, "ctx.signal to abort");
    expect(reason).toBeDefined();
  });

  it("2026-07-28: leaving while a JSON answer is pending aborts the handler's ctx.signal too", async () => {
    const { url, probes } = await setup();
    // No log level: the tool sends nothing, so its reply stays a pending JSON body.
    const { body, headers } = modernRequest("tools/call", { name: "wait_for_cancel", arguments: {} });
    const controller = new AbortController();
    const response = post(url, body, headers, { signal: controller.signal });
    await within(probes.waiting.promise, "the tool to wait");
    controller.abort();
    await expect(response).rejects.toThrow();
    const reason = await within(probes.cancelled.promise, "ctx.signal to abort");
    expect(reason).toBeDefined();
  });

  it("legacy: a disconnect is not a cancellation; notifications/cancelled is", async () => {
    const { url, probes } = await setup();
    const sessionId = await initialize(url);
    const controller = new AbortController();
    const call = {
      jsonrpc: "2.0",
      id: 7,
      method: "tools/call",
      params: { name: "wait_for_cancel", arguments: {} },
    };
    const response = await post(url, call, legacyHeaders(sessionId), { signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    await within(probes.waiting.promise, "the tool to start waiting");
    controller.abort();
    const early = await Promise.race([
      probes.cancelled.promise.then(() => "aborted"),
      sleep(200).then(() => "running"),
    ]);
    expect(early).toBe("running");
    const cancel = { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 7 } };
    expect((await post(url, cancel, legacyHeaders(sessionId))).status).toBe(202);
    await within(probes.cancelled.promise, "ctx.signal to abort on notifications/cancelled");
  });
});

describe("nothing of the server's inside on the wire", { timeout: 5_000 }, () => {
  it("errors thrown by tools, resources and prompts (with paths in their messages) are masked", async () => {
    const { url, probes } = await setup();
    const modern = [
      modernRequest("tools/call", { name: "fail", arguments: {} }),
      modernRequest("resources/read", { uri: "greeting://crash" }),
      modernRequest("prompts/get", { name: "greet", arguments: { name: "crash" } }),
    ];
    const bodies: string[] = [];
    for (const { body, headers } of modern) {
      const response = await post(url, body, headers);
      bodies.push(await response.text());
    }
    const sessionId = await initialize(url);
    for (const { body } of modern) {
      const legacy = { ...body, params: { ...(body.params as object), _meta: undefined } };
      const response = await post(url, legacy, legacyHeaders(sessionId));
      bodies.push(await response.text());
    }
    expect(bodies).toHaveLength(6);
    for (const text of bodies) {
      expect.soft(text).not.toMatch(LEAK);
      expect.soft(text).toMatch(/"jsonrpc":"2.0"/);
    }
    expect(JSON.parse(bodies[0]!)).toMatchObject({ result: { isError: true } });
    // The server's own log did get the details.
    expect(probes.errors.map((error) => error.message).join("\n")).toMatch(
      /\/home\/secret\/app\/src\/tools.ts/,
    );
  });

  it("a server that cannot start answers a bare 500 Internal error, in both eras", async () => {
    const failure = (): Promise<never> =>
      Promise.reject(new Error("cannot open /var/lib/mcp/state.db at Object.<anonymous> (x.ts:1:1)"));
    const broken: HttpServable = { connect: failure, serveRequest: failure };
    const { url } = await setup({}, broken);
    const modern = modernRequest("tools/list", {});
    for (const response of [await post(url, INITIALIZE), await post(url, modern.body, modern.headers)]) {
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toMatch(LEAK);
      expect(text).not.toContain("/var/lib");
      expect(JSON.parse(text)).toEqual({
        jsonrpc: "2.0",
        id: null,
        error: { code: -32603, message: "Internal error" },
      });
    }
  });
});

describe("2026-07-28 request checks", { timeout: 5_000 }, () => {
  it("a wrong or missing Mcp-Method, Mcp-Name or MCP-Protocol-Version is 400 -32020", async () => {
    const { url } = await setup();
    const { body, headers } = modernRequest("tools/call", { name: "poll", arguments: { pauseMs: 0 } });
    const cases: [string, Record<string, string | undefined>][] = [
      ["wrong Mcp-Method", { "mcp-method": "tools/list" }],
      ["missing Mcp-Method", { "mcp-method": undefined }],
      ["wrong Mcp-Name", { "mcp-name": "work" }],
      ["missing Mcp-Name", { "mcp-name": undefined }],
      ["version header not the _meta version", { "mcp-protocol-version": "2026-12-01" }],
    ];
    for (const [what, change] of cases) {
      const sent = Object.fromEntries(
        Object.entries({ ...headers, ...change }).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      );
      const response = await post(url, body, sent);
      expect.soft(response.status, what).toBe(400);
      expect.soft((await errorOf(response)).error.code, what).toBe(-32020);
    }
    // The same request with matching headers is served.
    expect((await post(url, body, headers)).status).toBe(200);
  });

  it("an unknown method is 404 -32601 with a JSON-RPC body", async () => {
    const { url } = await setup();
    const { body, headers } = modernRequest("tools/frobnicate");
    const response = await post(url, body, headers);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ id: 1, error: { code: -32601 } });
  });

  it('legacy: "reject": GET and DELETE are 405, a legacy initialize is refused', async () => {
    const { url } = await setup({ legacy: "reject" });
    const session = { "mcp-session-id": "a".repeat(32) };
    for (const headers of [
      {},
      session,
      { accept: "text/event-stream" },
      { accept: "text/event-stream", ...session },
    ]) {
      const get = await fetch(url, { headers });
      expect.soft(get.status, `GET ${JSON.stringify(headers)}`).toBe(405);
      expect.soft(get.headers.get("allow"), `GET ${JSON.stringify(headers)}`).toBe("POST");
    }
    const del = await fetch(url, { method: "DELETE", headers: session });
    expect(del.status).toBe(405);
    const init = await post(url, INITIALIZE);
    expect(init.status).toBe(400);
    expect((await errorOf(init)).error.data).toEqual({ supported: ["2026-07-28"] });
    const { body, headers } = modernRequest("tools/list");
    expect((await post(url, body, headers)).status).toBe(200);
  });

  it('legacy: "stateless": no sessions, so GET and DELETE are 405 too', async () => {
    const { url } = await setup({ legacy: "stateless" });
    const init = await post(url, INITIALIZE);
    expect(init.status).toBe(200);
    expect(init.headers.has("mcp-session-id")).toBe(false);
    const get = await fetch(url, { headers: { accept: "text/event-stream" } });
    expect(get.status).toBe(405);
    const del = await fetch(url, { method: "DELETE", headers: { "mcp-session-id": "a".repeat(32) } });
    expect(del.status).toBe(405);
  });
});
