import type { JsonObject } from "../jsonrpc/index.js";

/** Which capability a handled method implies, so a low-level server declares what it serves. */
const CAPABILITY_OF_METHOD: Readonly<Record<string, string>> = {
  "tools/list": "tools",
  "tools/call": "tools",
  "prompts/list": "prompts",
  "prompts/get": "prompts",
  "resources/list": "resources",
  "resources/templates/list": "resources",
  "resources/read": "resources",
  "logging/setLevel": "logging",
  "completion/complete": "completions",
};

/**
 * The capabilities a server declares: one entry per feature it has handlers for, with the
 * explicitly configured ones taking precedence (they may add flags such as listChanged).
 */
export function deriveCapabilities(methods: Iterable<string>, explicit: JsonObject | undefined): JsonObject {
  const derived: JsonObject = {};
  for (const method of methods) {
    const capability = CAPABILITY_OF_METHOD[method];
    if (capability !== undefined) derived[capability] = {};
  }
  if (derived.resources && hasMethod(methods, "resources/subscribe")) derived.resources = { subscribe: true };
  return { ...derived, ...explicit };
}

function hasMethod(methods: Iterable<string>, wanted: string): boolean {
  for (const method of methods) if (method === wanted) return true;
  return false;
}
