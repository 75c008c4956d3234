import type { JsonObject } from "../jsonrpc/index.js";

/** Name and version of a client or server (the spec's `Implementation`). */
export interface Implementation {
  name: string;
  version: string;
  title?: string;
  description?: string;
  websiteUrl?: string;
  icons?: JsonObject[];
}

/** What a server says about itself, in `initialize` and `server/discover` alike. */
export interface ServerIdentity {
  readonly serverInfo: Implementation;
  readonly capabilities: JsonObject;
  readonly instructions?: string | undefined;
}

export function isImplementation(value: unknown): value is Implementation {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { name?: unknown; version?: unknown };
  return typeof candidate.name === "string" && typeof candidate.version === "string";
}
