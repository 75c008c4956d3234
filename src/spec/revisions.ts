/**
 * Every MCP protocol revision this SDK speaks, oldest first (REVISIONS.md §0).
 *
 * @example
 * const newest = ALL_PROTOCOL_VERSIONS[ALL_PROTOCOL_VERSIONS.length - 1]; // "2026-07-28"
 */
export const ALL_PROTOCOL_VERSIONS = [
  "2024-11-05",
  "2025-03-26",
  "2025-06-18",
  "2025-11-25",
  "2026-07-28",
] as const;

/**
 * One MCP protocol revision, named by its date.
 *
 * @example
 * const version: ProtocolVersion = "2025-11-25";
 */
export type ProtocolVersion = (typeof ALL_PROTOCOL_VERSIONS)[number];
