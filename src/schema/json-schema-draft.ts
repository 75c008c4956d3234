import type { SchemaDraft } from "@cfworker/json-schema";
import type { JsonSchema } from "./schema-like.js";

/*
 * Which draft a plain JSON Schema is written in. Kept apart from the validator so the dialect can
 * be checked without loading @cfworker/json-schema (that only happens when one is first validated).
 */

const DIALECT = /^https?:\/\/json-schema\.org\/(?:draft\/(2020-12|2019-09)|draft-0([467]))\/schema#?$/;

/**
 * The draft named by `$schema` (2020-12 when absent, as MCP specifies); draft-06 is read as draft-07.
 * Throws a TypeError for a dialect the validator cannot honour.
 *
 * @example
 * detectDraft({ $schema: "http://json-schema.org/draft-07/schema#" }, "x"); // "7"
 */
export function detectDraft(schema: JsonSchema, name: string): SchemaDraft {
  const uri = schema.$schema;
  if (uri === undefined) return "2020-12";
  const match = typeof uri === "string" ? DIALECT.exec(uri) : null;
  if (match?.[1] === "2020-12" || match?.[1] === "2019-09") return match[1];
  if (match?.[2] === "4") return "4";
  if (match?.[2] === "6" || match?.[2] === "7") return "7";
  throw new TypeError(
    `${name}: unsupported $schema ${JSON.stringify(uri)}; use draft 2020-12, 2019-09, 07, 06 or 04, ` +
      `or omit $schema for 2020-12`,
  );
}
