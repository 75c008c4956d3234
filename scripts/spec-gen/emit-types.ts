/**
 * JSON Schema -> TypeScript declarations, for the subset the MCP schema files use.
 * Anything outside that subset throws, so a new keyword in a future schema is noticed, not dropped.
 */

/** The JSON Schema keywords the MCP schemas use (draft-07 and 2020-12 alike). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Where the emitter is: the definitions (to check `$ref`s), indent depth and a path for errors. */
export interface EmitContext {
  defs: Readonly<Record<string, JsonSchema>>;
  depth: number;
  path: string;
}

const STRUCTURE = "$ref type properties required additionalProperties items anyOf oneOf allOf enum const";
const ANNOTATIONS = "description format minimum maximum minItems maxItems default examples title";
const KNOWN_KEYWORDS = new Set(`${STRUCTURE} ${ANNOTATIONS}`.split(" "));
const DOC_TAGS = ["format", "minimum", "maximum", "minItems", "maxItems"] as const;
/** Matches the repository's prettier printWidth, although generated files are not prettier-checked. */
export const MAX_LINE = 110;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const PRIMITIVES: Readonly<Record<string, string>> = {
  string: "string",
  number: "number",
  integer: "number",
  boolean: "boolean",
  null: "null",
};

const pad = (depth: number): string => "  ".repeat(depth);
const nested = (ctx: EmitContext, segment: string, deeper = 0): EmitContext => ({
  ...ctx,
  depth: ctx.depth + deeper,
  path: `${ctx.path}/${segment}`,
});

/** The definition name a `$ref` points at; only local refs into `definitions` or `$defs` occur. */
export function refName(ref: string, ctx: EmitContext): string {
  const match = /^#\/(?:definitions|\$defs)\/([^/]+)$/.exec(ref);
  if (!match?.[1] || !(match[1] in ctx.defs)) throw new Error(`${ctx.path}: unresolvable $ref ${ref}`);
  return match[1];
}

/** A JSDoc block from `description` plus bounds and formats; empty when there is nothing to say. */
export function jsDoc(schema: JsonSchema, depth: number): string {
  const lines = schema.description === undefined ? [] : schema.description.split("\n");
  for (const tag of DOC_TAGS) if (schema[tag] !== undefined) lines.push(`@${tag} ${String(schema[tag])}`);
  if (lines.length === 0) return "";
  const safe = lines.map((line) => line.replaceAll("*/", "*\\/").trimEnd());
  if (safe.length === 1) return `${pad(depth)}/** ${safe[0]} */\n`;
  const body = safe.map((line) => `${pad(depth)} *${line ? ` ${line}` : ""}`).join("\n");
  return `${pad(depth)}/**\n${body}\n${pad(depth)} */\n`;
}

/** True when a definition should become an `interface` rather than a `type` alias. */
export function isObjectSchema(schema: JsonSchema): boolean {
  const composite = schema.$ref ?? schema.anyOf ?? schema.oneOf ?? schema.allOf ?? schema.enum;
  if (composite !== undefined || "const" in schema) return false;
  return schema.type === "object" || (schema.type === undefined && schema.properties !== undefined);
}

/** Whether the emitted type is a union or intersection, so `[]` or `&` need parentheses around it. */
function isCompound(schema: JsonSchema): boolean {
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf ?? schema.enum;
  if (alternatives !== undefined && !("const" in schema)) return alternatives.length > 1;
  return Array.isArray(schema.type) && schema.type.length > 1 && !("const" in schema);
}

const parenthesize = (schema: JsonSchema, text: string): string => (isCompound(schema) ? `(${text})` : text);

/** The TypeScript type expression for one schema. */
export function typeOf(schema: JsonSchema, ctx: EmitContext): string {
  const unknownKeyword = Object.keys(schema).find((key) => !KNOWN_KEYWORDS.has(key));
  if (unknownKeyword) throw new Error(`${ctx.path}: unsupported JSON Schema keyword "${unknownKeyword}"`);
  if (schema.$ref !== undefined) return refName(schema.$ref, ctx);
  if (schema.allOf) {
    return schema.allOf.map((s, i) => parenthesize(s, typeOf(s, nested(ctx, `allOf/${i}`)))).join(" & ");
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map((s, i) => typeOf(s, nested(ctx, `anyOf/${i}`))).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (Array.isArray(schema.type))
    return schema.type.map((type) => typeOf({ ...schema, type }, ctx)).join(" | ");
  if (schema.type === "array") {
    const items = schema.items ?? {};
    return `${parenthesize(items, typeOf(items, nested(ctx, "items")))}[]`;
  }
  if (isObjectSchema(schema)) return objectType(schema, ctx);
  if (schema.type === undefined) return "unknown";
  const primitive = PRIMITIVES[schema.type];
  if (primitive === undefined) throw new Error(`${ctx.path}: unsupported type "${schema.type}"`);
  return primitive;
}

/** The index signature's value type, or undefined for a closed object. */
function indexSignature(schema: JsonSchema, ctx: EmitContext): string | undefined {
  const extra = schema.additionalProperties;
  if (extra === false) return undefined;
  // No `additionalProperties` on a property-less object means "any object", not `{}`.
  if (extra === undefined)
    return schema.properties && Object.keys(schema.properties).length ? undefined : "unknown";
  if (extra === true) return "unknown";
  return typeOf(extra, nested(ctx, "additionalProperties", 1));
}

/** A multi-line object literal type, properties in schema order. */
export function objectType(schema: JsonSchema, ctx: EmitContext): string {
  const required = new Set(schema.required ?? []);
  const members = Object.entries(schema.properties ?? {}).map(([name, prop]) => {
    const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
    const optional = required.has(name) ? "" : "?";
    const type = typeOf(prop, nested(ctx, name, 1));
    return `${jsDoc(prop, ctx.depth + 1)}${pad(ctx.depth + 1)}${key}${optional}: ${type};`;
  });
  const index = indexSignature(schema, ctx);
  if (index !== undefined) members.push(`${pad(ctx.depth + 1)}[key: string]: ${index};`);
  if (members.length === 0) return "{}";
  return `{\n${members.join("\n")}\n${pad(ctx.depth)}}`;
}

/** A type alias; a union too long for one line gets one member per line. */
function typeAlias(name: string, schema: JsonSchema, ctx: EmitContext): string {
  const line = `export type ${name} = ${typeOf(schema, ctx)};`;
  const alternatives = schema.anyOf ?? schema.oneOf;
  const members = alternatives
    ? alternatives.map((s, i) => typeOf(s, nested(ctx, `anyOf/${i}`, 1)))
    : schema.enum?.map((value) => JSON.stringify(value));
  if (line.length <= MAX_LINE || members === undefined) return line;
  return `export type ${name} =${members.map((member) => `\n  | ${member}`).join("")};`;
}

/** One exported declaration per definition, sorted by name so output never depends on key order. */
export function emitDefinitions(defs: Readonly<Record<string, JsonSchema>>): string {
  return Object.keys(defs)
    .sort()
    .map((name) => {
      const schema = defs[name]!;
      const ctx: EmitContext = { defs, depth: 0, path: name };
      // Object types are aliases, not interfaces: only aliases are assignable to index signatures,
      // so a CallToolResult can be passed wherever a plain JSON object is expected.
      const body = isObjectSchema(schema)
        ? `export type ${name} = ${objectType(schema, ctx)};`
        : typeAlias(name, schema, ctx);
      return `${jsDoc(schema, 0)}${body}`;
    })
    .join("\n\n");
}
