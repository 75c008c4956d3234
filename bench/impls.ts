/** The implementations measured side by side, in table order. */
export const IMPLS = ["mcpkit", "v1", "v2", "raw"] as const;
export type Impl = (typeof IMPLS)[number];

export const IMPL_LABELS: Readonly<Record<Impl, string>> = {
  mcpkit: "mcpkit",
  v1: "official 1.32.2",
  v2: "official 2.4.0",
  raw: "raw JSON-RPC",
};

/** The two protocol eras: legacy (initialize, 2025-11-25) and modern (2026-07-28, per-request _meta). */
export type Era = "legacy" | "modern";

/** Implementations that speak 2026-07-28 (1.32.2 predates it). */
export const MODERN_IMPLS: readonly Impl[] = ["mcpkit", "v2", "raw"];

/** The Streamable HTTP configurations every HTTP server process mounts, one path each. */
export const HTTP_MODES = [
  "modern",
  "stateful-json",
  "stateful-sse",
  "stateless-json",
  "stateless-sse",
] as const;
export type HttpMode = (typeof HTTP_MODES)[number];

export function isImpl(value: string): value is Impl {
  return (IMPLS as readonly string[]).includes(value);
}
