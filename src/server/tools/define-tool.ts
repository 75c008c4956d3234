import type { JsonObject } from "../../jsonrpc/index.js";
// Not the schema index: that loads @cfworker/json-schema, which a server loads only when it needs it.
import { compileSchemaLazily } from "../../schema/lazy-compile.js";
import { isSchemaLike, notASchema } from "../../schema/publish.js";
import type {
  CompiledSchema,
  InferInput,
  InferOutput,
  JsonSchema,
  LazyCompiledSchema,
  SchemaLike,
  StandardSchemaV1,
} from "../../schema/index.js";
import type { Spec2025_11_25 } from "../../spec/index.js";
import type { Context } from "../context.js";

type Tool = Spec2025_11_25.Tool;
type CallToolResult = Spec2025_11_25.CallToolResult;

/** How a tool describes itself; `input`/`output` take any Standard Schema or a plain JSON Schema. */
export interface ToolConfig<
  I extends SchemaLike | undefined = undefined,
  O extends SchemaLike | undefined = undefined,
> {
  readonly title?: string;
  readonly description?: string;
  /** The arguments' schema (root must be an object). Arguments are validated before the handler runs. */
  readonly input?: I;
  /** The structured result's schema; the handler's return value becomes `structuredContent`. */
  readonly output?: O;
  readonly annotations?: Spec2025_11_25.ToolAnnotations;
  readonly icons?: Spec2025_11_25.Icon[];
  readonly _meta?: JsonObject;
  /** Register disabled (hidden from tools/list, not callable) until `enable()`. */
  readonly enabled?: boolean;
}

/** The arguments a handler receives: the input schema's output type, or an empty object. */
export type ToolArgs<I> = I extends SchemaLike ? InferOutput<I> : Record<string, never>;

/**
 * What a handler may return: with a Standard Schema output, its input type; else anything convertible
 * to content (a plain JSON Schema output may describe any JSON value; it is checked at run time).
 */
export type ToolReturn<O> = O extends StandardSchemaV1 ? InferInput<O> | CallToolResult : unknown;

export type ToolHandler<I, O, L> = (
  args: ToolArgs<I>,
  ctx: Context<L>,
) => ToolReturn<O> | Promise<ToolReturn<O>>;

/** What compiling a tool's config produces: its wire description and validators. */
interface CompiledTool {
  readonly tool: Tool;
  readonly input: LazyCompiledSchema<unknown> | undefined;
  readonly output: LazyCompiledSchema<unknown> | undefined;
  readonly wrapsResult: boolean;
}

const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const EMPTY_INPUT: JsonSchema = { type: "object", properties: {} };

/** Checks a tool name against the 2025-11-25 rules: 1-128 characters of [A-Za-z0-9_.-]. */
export function assertToolName(name: string): void {
  if (!TOOL_NAME.test(name)) {
    throw new TypeError(`Invalid tool name "${name}": use 1-128 characters from A-Z, a-z, 0-9, _, . and -`);
  }
}

/**
 * A registered tool. Registering checks only what is cheap (the name, that each schema is a schema);
 * the JSON Schemas are derived and the validators built on first use, once, and cached here. The
 * McpServer prepares every entry when it connects, so a broken schema still fails at start-up.
 */
export class ToolEntry<L> {
  readonly name: string;
  readonly handler: (args: unknown, ctx: Context<L>) => unknown;
  readonly #config: ToolConfig<SchemaLike | undefined, SchemaLike | undefined>;
  #compiled: CompiledTool | undefined;
  #failure: { readonly error: unknown } | undefined;

  constructor(
    name: string,
    config: ToolConfig<SchemaLike | undefined, SchemaLike | undefined>,
    handler: ToolEntry<L>["handler"],
  ) {
    assertToolName(name);
    // Messages are built only on failure: registering 1,000 tools should allocate next to nothing.
    if (config.input !== undefined && !isSchemaLike(config.input)) throw notASchema(`tool "${name}" input`);
    if (config.output !== undefined && !isSchemaLike(config.output))
      throw notASchema(`tool "${name}" output`);
    this.name = name;
    this.#config = config;
    this.handler = handler;
  }

  /** The wire description (tools/list). */
  get tool(): Tool {
    return this.#compile().tool;
  }

  get input(): CompiledSchema<unknown> | undefined {
    return this.#compile().input;
  }

  get output(): CompiledSchema<unknown> | undefined {
    return this.#compile().output;
  }

  /** True when the output schema is not an object and results are wrapped as `{ result }`. */
  get wrapsResult(): boolean {
    return this.#compile().wrapsResult;
  }

  /**
   * Compiles now, with every check registration used to make: undefined when done, a Promise while
   * a plain JSON Schema's validator engine loads. Throws (or rejects with) a TypeError naming the tool.
   */
  prepare(): Promise<void> | undefined {
    const { input, output } = this.#compile();
    const inputReady = input?.ready();
    const outputReady = output?.ready();
    if (!inputReady && !outputReady) return undefined;
    return Promise.all([inputReady, outputReady]).then(() => undefined);
  }

  #compile(): CompiledTool {
    if (this.#compiled) return this.#compiled;
    if (this.#failure) throw this.#failure.error;
    try {
      this.#compiled = compileTool(this.name, this.#config);
    } catch (error) {
      this.#failure = { error }; // fails the same way on every use, without compiling again
      throw error;
    }
    return this.#compiled;
  }
}

/** Derives a tool's JSON Schemas and prepares its validators (see compileSchemaLazily). */
function compileTool(
  name: string,
  config: ToolConfig<SchemaLike | undefined, SchemaLike | undefined>,
): CompiledTool {
  const input =
    config.input &&
    compileSchemaLazily(config.input, { io: "input", name: `tool "${name}" input`, requireObjectRoot: true });
  const output = config.output && compileOutput(config.output, name);
  const wrapsResult = output !== undefined && output.jsonSchema.type !== "object";
  const tool: Tool = { name, inputSchema: (input?.jsonSchema ?? EMPTY_INPUT) as Tool["inputSchema"] };
  if (config.title !== undefined) tool.title = config.title;
  if (config.description !== undefined) tool.description = config.description;
  if (output)
    tool.outputSchema = (wrapsResult ? wrapSchema(output.jsonSchema) : output.jsonSchema) as NonNullable<
      Tool["outputSchema"]
    >;
  if (config.annotations !== undefined) tool.annotations = config.annotations;
  if (config.icons !== undefined) tool.icons = config.icons;
  if (config._meta !== undefined) tool._meta = config._meta;
  return { tool, input, output, wrapsResult };
}

/**
 * zod's `.meta({ id })` makes the root a bare `$ref`; an object behind it is still an object result
 * (published with `type: "object"` beside the `$ref`, as inputs are), so it is not wrapped.
 */
function compileOutput(schema: SchemaLike, name: string): LazyCompiledSchema<unknown> {
  const options = { io: "output", name: `tool "${name}" output` } as const;
  const compiled = compileSchemaLazily(schema, options);
  if (compiled.jsonSchema.type !== undefined || compiled.jsonSchema.$ref === undefined) return compiled;
  try {
    return compileSchemaLazily(schema, { ...options, requireObjectRoot: true });
  } catch {
    return compiled; // not an object: wrapped as { result }
  }
}

/**
 * Legacy revisions need an object `structuredContent`, so a non-object output is wrapped (as FastMCP
 * does). `#/$defs/...` refs resolve against the document root, so `$schema` and definitions move up
 * (unless an `$id` makes the schema a self-contained resource).
 */
function wrapSchema(schema: JsonSchema): JsonSchema {
  if (schema.$id !== undefined)
    return { type: "object", properties: { result: schema }, required: ["result"] };
  const { $schema, $defs, definitions, ...result } = schema;
  return {
    ...($schema === undefined ? {} : { $schema }),
    type: "object",
    properties: { result },
    required: ["result"],
    ...($defs === undefined ? {} : { $defs }),
    ...(definitions === undefined ? {} : { definitions }),
  };
}
