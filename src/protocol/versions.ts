/**
 * Protocol revisions mcpkit speaks, split by era (REVISIONS.md §1(e)). Handshake (legacy) and
 * modern versions are separate lists: `initialize` never negotiates or counter-offers a modern one.
 */

/** Legacy revisions negotiated by `initialize`, newest first. */
export const LEGACY_PROTOCOL_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"] as const;

/** Modern (stateless) revisions, announced by `server/discover` and -32022, newest first. */
export const MODERN_PROTOCOL_VERSIONS = ["2026-07-28"] as const;

export type LegacyProtocolVersion = (typeof LEGACY_PROTOCOL_VERSIONS)[number];
export type ModernProtocolVersion = (typeof MODERN_PROTOCOL_VERSIONS)[number];

export const LATEST_LEGACY_VERSION: LegacyProtocolVersion = LEGACY_PROTOCOL_VERSIONS[0];
export const LATEST_MODERN_VERSION: ModernProtocolVersion = MODERN_PROTOCOL_VERSIONS[0];

/** The two eras: legacy (initialize, sessions, server requests) and modern (per-request metadata). */
export type Era = "legacy" | "modern";

export function isLegacyVersion(version: unknown): version is LegacyProtocolVersion {
  return (LEGACY_PROTOCOL_VERSIONS as readonly unknown[]).includes(version);
}

export function isModernVersion(version: unknown): version is ModernProtocolVersion {
  return (MODERN_PROTOCOL_VERSIONS as readonly unknown[]).includes(version);
}

/** The server's answer to an initialize offer: echo a supported legacy version, else the newest one. */
export function negotiateLegacyVersion(requested: string): LegacyProtocolVersion {
  return isLegacyVersion(requested) ? requested : LATEST_LEGACY_VERSION;
}

/** Batches (JSON arrays) exist only in 2025-03-26. */
export function allowsBatches(version: string | undefined): boolean {
  return version === "2025-03-26";
}
