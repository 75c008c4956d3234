import { isJsonObject } from "../../jsonrpc/index.js";
import type { JsonObject } from "../../jsonrpc/index.js";

/** One tool argument mirrored into `Mcp-Param-{header}` (SEP-2243). */
export interface ParamDeclaration {
  /** The property names from the arguments object down to the value. */
  readonly path: readonly string[];
  readonly header: string;
}

/** RFC 9110 `token`: the only header names allowed after `Mcp-Param-`. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE_TYPES = new Set(["string", "integer", "boolean"]);
/** Subschema keywords an annotation cannot be reached through: one there makes the tool invalid. */
const UNREACHABLE = [
  "items",
  "prefixItems",
  "contains",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "propertyNames",
  "patternProperties",
  "dependentSchemas",
  "oneOf",
  "anyOf",
  "allOf",
  "not",
  "if",
  "then",
  "else",
  "$defs",
  "definitions",
] as const;
const KEYED = new Set(["patternProperties", "dependentSchemas", "$defs", "definitions"]);
const KEY = "x-mcp-header";

/**
 * The `x-mcp-header` declarations of a tool's input schema, or why they are invalid: an annotation
 * must be a non-empty RFC 9110 token, unique case-insensitively, on a string/integer/boolean
 * property reached from the root only through `properties`.
 */
export function scanParamHeaders(inputSchema: unknown): ParamDeclaration[] | string {
  const found: ParamDeclaration[] = [];
  const seen = new Map<string, string>();
  const visit = (node: unknown, path: string[], reachable: boolean): string | undefined => {
    if (!isJsonObject(node)) return undefined;
    if (KEY in node) {
      const problem = checkAnnotation(node, path, reachable, seen);
      if (problem) return problem;
      found.push({ path, header: node[KEY] as string });
    }
    if (isJsonObject(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) {
        const problem = visit(child, [...path, name], reachable);
        if (problem) return problem;
      }
    }
    for (const keyword of UNREACHABLE) {
      const sub = node[keyword];
      if (sub === undefined) continue;
      const branches = Array.isArray(sub)
        ? sub
        : KEYED.has(keyword) && isJsonObject(sub)
          ? Object.values(sub)
          : [sub];
      for (const branch of branches) {
        const problem = visit(branch, [...path, keyword], false);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  return visit(inputSchema, [], true) ?? found;
}

function checkAnnotation(
  schema: JsonObject,
  path: string[],
  reachable: boolean,
  seen: Map<string, string>,
): string | undefined {
  const where = path.length === 0 ? "the schema root" : `"${path.join(".")}"`;
  if (!reachable || path.length === 0)
    return `x-mcp-header at ${where} is not reachable through "properties" alone`;
  const name = schema[KEY];
  if (typeof name !== "string" || !TOKEN.test(name))
    return `x-mcp-header at ${where} must be a non-empty header token, got ${JSON.stringify(name)}`;
  if (typeof schema.type !== "string" || !PRIMITIVE_TYPES.has(schema.type))
    return `x-mcp-header at ${where} needs a string, integer or boolean property, not ${JSON.stringify(schema.type ?? null)}`;
  const lower = name.toLowerCase();
  const earlier = seen.get(lower);
  if (earlier !== undefined)
    return `x-mcp-header "${name}" repeats "${earlier}" (names are case-insensitive)`;
  seen.set(lower, name);
  return undefined;
}

/**
 * What the transport learned from 2026-07-28 `tools/list` results: the mirrored arguments of each
 * tool. Tools with invalid annotations are dropped from the results, as the spec requires.
 */
export class ToolParamHeaders {
  readonly #byTool = new Map<string, readonly ParamDeclaration[]>();

  /** A copy of a tools/list result without invalid tools; `onDropped` hears why each one went. */
  filterToolsList(result: JsonObject, onDropped: (tool: string, reason: string) => void): JsonObject {
    if (!Array.isArray(result.tools)) return result;
    const kept: unknown[] = [];
    for (const tool of result.tools) {
      if (!isJsonObject(tool) || typeof tool.name !== "string") {
        kept.push(tool);
        continue;
      }
      const scanned = scanParamHeaders(tool.inputSchema);
      if (typeof scanned === "string") {
        this.#byTool.delete(tool.name);
        onDropped(tool.name, scanned);
        continue;
      }
      if (scanned.length > 0) this.#byTool.set(tool.name, scanned);
      else this.#byTool.delete(tool.name);
      kept.push(tool);
    }
    return kept.length === result.tools.length ? result : { ...result, tools: kept };
  }

  /** The `[Mcp-Param-{Name}, text]` pairs of one tools/call (absent and null arguments send none). */
  headersFor(tool: unknown, args: unknown): Array<[string, string]> {
    const declarations = typeof tool === "string" ? this.#byTool.get(tool) : undefined;
    if (!declarations) return [];
    const pairs: Array<[string, string]> = [];
    for (const { path, header } of declarations) {
      const text = primitiveText(valueAt(args, path));
      if (text !== undefined) pairs.push([`mcp-param-${header}`, text]);
    }
    return pairs;
  }

  clear(): void {
    this.#byTool.clear();
  }
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (!isJsonObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Only strings, booleans and safe integers are mirrored; anything else sends no header. */
function primitiveText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return undefined;
}
