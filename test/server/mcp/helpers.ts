// Shared by the McpServer feature tests: a server that records its unexpected errors, the era's
// result bookkeeping checked and removed, and wire error assertions.
import { McpError, McpServer, MetaKey } from "mcpkit";
import type { Client, JsonObject, McpServerOptions } from "mcpkit";
import { expect } from "vitest";

export const ERAS = ["modern", "legacy"] as const;
export type TestEra = (typeof ERAS)[number];

export const SERVER_INFO = { name: "feature-test", version: "1.0.0" };

/** The first bytes of a PNG file (its signature) and of a WAV file (RIFF....WAVE). */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
export const WAV = new Uint8Array([...ascii("RIFF"), 36, 0, 0, 0, ...ascii("WAVE"), ...ascii("fmt ")]);

/** Base64 of bytes, computed independently of the SDK. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

/** An McpServer whose unexpected errors land in `errors` instead of the console. */
export function createServer(options: McpServerOptions<undefined> = {}): {
  server: McpServer;
  errors: Error[];
} {
  const errors: Error[] = [];
  const server = new McpServer(SERVER_INFO, { onError: (error) => errors.push(error), ...options });
  return { server, errors };
}

/**
 * The part of a result the user wrote, after checking the era's bookkeeping: 2026-07-28 results
 * carry `resultType: "complete"`, serverInfo in `_meta` and (cacheable ones) `ttlMs`/`cacheScope`;
 * legacy results carry none of these.
 */
export function payload(era: TestEra, result: JsonObject): JsonObject {
  const { resultType, ttlMs, cacheScope, _meta, ...rest } = result;
  const meta = { ...(_meta as JsonObject | undefined) };
  if (era === "modern") {
    expect(resultType).toBe("complete");
    expect(meta[MetaKey.ServerInfo]).toEqual(SERVER_INFO);
    delete meta[MetaKey.ServerInfo];
  } else {
    expect({ resultType, ttlMs, cacheScope }).toEqual({});
    expect(meta).not.toHaveProperty([MetaKey.ServerInfo]);
  }
  if (era === "modern" && ttlMs !== undefined) {
    expect({ ttlMs, cacheScope }).toEqual({ ttlMs: 0, cacheScope: "private" });
  }
  return Object.keys(meta).length > 0 ? { ...rest, _meta: meta } : rest;
}

/** Asserts that `promise` rejects with a JSON-RPC error of `code` (and the message, when given). */
export async function expectMcpError(
  promise: Promise<unknown>,
  code: number,
  message?: string | RegExp,
): Promise<McpError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(McpError);
  const mcpError = error as McpError;
  expect(mcpError.code).toBe(code);
  if (message !== undefined) expect(mcpError.message).toMatch(message);
  return mcpError;
}

/** The wire code of "resource not found" in each era (REVISIONS.md §1.5). */
export function notFoundCode(era: TestEra): number {
  return era === "modern" ? -32602 : -32002;
}

const LIST_CHANGED_FLAGS = {
  tools: "toolsListChanged",
  resources: "resourcesListChanged",
  prompts: "promptsListChanged",
} as const;

/** Resolves when `register` calls its callback, or rejects after `timeoutMs`. */
function within(timeoutMs: number, what: string, register: (done: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
    register(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Watches `notifications/<kind>/list_changed`; the function returned resolves with the next one, or
 * rejects after `timeoutMs`. A modern client first opens a `subscriptions/listen` stream for it
 * (it ends when the client closes).
 */
export async function nextListChanged(
  client: Client,
  era: TestEra,
  kind: keyof typeof LIST_CHANGED_FLAGS,
  timeoutMs = 1000,
): Promise<() => Promise<JsonObject | undefined>> {
  const received: (JsonObject | undefined)[] = [];
  let wake: (() => void) | undefined;
  client.on(`notifications/${kind}/list_changed`, (params) => {
    received.push(params);
    wake?.();
  });
  if (era === "modern") {
    const acknowledged = within(timeoutMs, "listen acknowledgement", (done) => {
      const off = client.on("notifications/subscriptions/acknowledged", () => (off(), done()));
    });
    const notifications = { [LIST_CHANGED_FLAGS[kind]]: true };
    client.request("subscriptions/listen", { notifications }).catch(() => undefined);
    await acknowledged;
  }
  return async () => {
    if (received.length === 0) await within(timeoutMs, `${kind}/list_changed`, (done) => (wake = done));
    wake = undefined;
    return received.shift();
  };
}
