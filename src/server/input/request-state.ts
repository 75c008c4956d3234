import { ErrorCode, McpError } from "../../jsonrpc/index.js";
import { base64ToBytes, bytesToBase64 } from "../../util/base64.js";

/** Options for sealing `requestState` (2026-07-28 multi round-trip requests). */
export interface RequestStateOptions {
  /**
   * HMAC key. Give every node of a deployment the same key so any node can continue a round
   * another node started. Default: a random key per process (fine for one process).
   */
  readonly key?: string | Uint8Array;
  /** How long a sealed state stays valid. Default 10 minutes. */
  readonly ttlMs?: number;
}

/** What a sealed state carries between rounds: the answers collected so far. */
export type CollectedResponses = Record<string, unknown>;

interface Payload {
  v: 1;
  /** Expiry, ms since the epoch. */
  exp: number;
  /** Digest of what the state is bound to (method, target, arguments, principal). */
  bind: string;
  responses: CollectedResponses;
}

const DEFAULT_TTL_MS = 10 * 60_000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Seals and opens `requestState`. The client must echo it byte for byte, and the spec says to
 * treat it as attacker-controlled: it is HMAC-SHA256 signed (Web Crypto), expires, and is bound
 * to the request it belongs to, so it cannot be replayed on another call or another principal.
 *
 * @example
 * const sealer = new RequestStateSealer({ key: process.env.MCP_STATE_KEY });
 * const token = await sealer.seal({ "elicit-0": answer }, binding);
 * const responses = await sealer.open(token, binding);
 */
export class RequestStateSealer {
  /** Undefined until first use when no key was given: making a random one loads Node's web crypto (5-10 ms of start-up). */
  #rawKey: Uint8Array<ArrayBuffer> | undefined;
  #key: Promise<CryptoKey> | undefined;
  #ttlMs: number;

  constructor(options: RequestStateOptions = {}) {
    const key = options.key;
    if (key !== undefined) {
      this.#rawKey = typeof key === "string" ? encoder.encode(key) : new Uint8Array(key);
      if (this.#rawKey.length < 16) throw new TypeError("requestState key must have at least 16 bytes");
    }
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  }

  /** Signs the collected responses for the request described by `binding`. */
  async seal(responses: CollectedResponses, binding: string): Promise<string> {
    const payload: Payload = { v: 1, exp: Date.now() + this.#ttlMs, bind: await digest(binding), responses };
    const body = toBase64Url(encoder.encode(JSON.stringify(payload)));
    const signature = await crypto.subtle.sign("HMAC", await this.#cryptoKey(), encoder.encode(body));
    return `${body}.${toBase64Url(new Uint8Array(signature))}`;
  }

  /** Verifies a state and returns its responses; throws -32602 when tampered, expired or misbound. */
  async open(token: string, binding: string): Promise<CollectedResponses> {
    const dot = token.indexOf(".");
    const body = token.slice(0, dot);
    const signature = dot > 0 ? fromBase64Url(token.slice(dot + 1)) : undefined;
    const valid =
      signature !== undefined &&
      (await crypto.subtle.verify("HMAC", await this.#cryptoKey(), signature, encoder.encode(body)));
    if (!valid) throw invalidState("its signature does not verify");
    const payload = JSON.parse(decoder.decode(fromBase64Url(body) ?? new Uint8Array())) as Payload;
    if (payload.v !== 1 || typeof payload.exp !== "number") throw invalidState("its format is unknown");
    if (payload.exp < Date.now()) throw invalidState("it has expired");
    if (payload.bind !== (await digest(binding))) throw invalidState("it belongs to another request");
    return payload.responses;
  }

  #cryptoKey(): Promise<CryptoKey> {
    this.#rawKey ??= crypto.getRandomValues(new Uint8Array(32));
    this.#key ??= crypto.subtle.importKey("raw", this.#rawKey, { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    return this.#key;
  }
}

function invalidState(why: string): McpError {
  return new McpError(ErrorCode.InvalidParams, `Invalid requestState: ${why}; retry the request without it`);
}

async function digest(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));
}

function toBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const base64 = text.replaceAll("-", "+").replaceAll("_", "/");
    return new Uint8Array(base64ToBytes(base64 + "=".repeat((4 - (base64.length % 4)) % 4)));
  } catch {
    return undefined;
  }
}
