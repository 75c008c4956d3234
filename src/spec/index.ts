/**
 * Protocol types per revision, generated from spec/<rev>.schema.json (`npm run gen:spec`).
 * One namespace per revision because the revisions reuse names with different shapes.
 *
 * @example
 * import type { Spec2025_11_25 } from "./index.js";
 * type CallTool = Spec2025_11_25.ClientRequests["tools/call"];
 */
export * as Spec2024_11_05 from "./generated/2024-11-05.js";
export * as Spec2025_03_26 from "./generated/2025-03-26.js";
export * as Spec2025_06_18 from "./generated/2025-06-18.js";
export * as Spec2025_11_25 from "./generated/2025-11-25.js";
export * as Spec2026_07_28 from "./generated/2026-07-28.js";
export { ALL_PROTOCOL_VERSIONS, type ProtocolVersion } from "./revisions.js";
