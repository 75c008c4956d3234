import type { JsonObject } from "../../jsonrpc/index.js";
// Not the schema index: that loads @cfworker/json-schema, which a server loads only when it needs it.
import { compileSchemaLazily } from "../../schema/lazy-compile.js";
import { objectProperties } from "../../schema/object-properties.js";
import { isSchemaLike, notASchema } from "../../schema/publish.js";
import type { CompiledSchema, InferOutput, LazyCompiledSchema, SchemaLike } from "../../schema/index.js";
import type { Spec2025_11_25 } from "../../spec/index.js";
import { enumCompleter } from "../completions.js";
import type { Completer } from "../completions.js";
import type { Context } from "../context.js";

type Prompt = Spec2025_11_25.Prompt;

/** How a prompt describes itself; `args` is an object schema whose properties are the arguments. */
export interface PromptConfig<A extends SchemaLike | undefined = undefined> {
  readonly title?: string;
  readonly description?: string;
  readonly args?: A;
  readonly icons?: Spec2025_11_25.Icon[];
  readonly _meta?: JsonObject;
  readonly enabled?: boolean;
  /** Value suggestions per argument; enum-typed arguments complete automatically. */
  readonly complete?: Readonly<Record<string, Completer>>;
}

export type PromptArgs<A> = A extends SchemaLike ? InferOutput<A> : Record<string, never>;

export type PromptHandler<A, L> = (args: PromptArgs<A>, ctx: Context<L>) => unknown;

/** What compiling a prompt's config produces. */
interface CompiledPrompt {
  readonly prompt: Prompt;
  readonly args: LazyCompiledSchema<unknown> | undefined;
  readonly completers: Readonly<Record<string, Completer>>;
}

/**
 * A registered prompt. Registering checks the name and that `args` is a schema; the arguments'
 * JSON Schema is derived (and its validator built) on first use, once, or when the McpServer connects.
 */
export class PromptEntry<L> {
  readonly name: string;
  readonly handler: (args: unknown, ctx: Context<L>) => unknown;
  readonly #config: PromptConfig<SchemaLike | undefined>;
  #compiled: CompiledPrompt | undefined;
  #failure: { readonly error: unknown } | undefined;

  constructor(
    name: string,
    config: PromptConfig<SchemaLike | undefined>,
    handler: PromptEntry<L>["handler"],
  ) {
    if (name.length === 0) throw new TypeError("A prompt needs a name");
    if (config.args !== undefined && !isSchemaLike(config.args)) throw notASchema(`prompt "${name}" args`);
    this.name = name;
    this.#config = config;
    this.handler = handler;
  }

  /** The wire description (prompts/list). */
  get prompt(): Prompt {
    return this.#compile().prompt;
  }

  get args(): CompiledSchema<unknown> | undefined {
    return this.#compile().args;
  }

  /** Value suggestions per argument: the config's, and enum-typed arguments'. */
  get completers(): Readonly<Record<string, Completer>> {
    return this.#compile().completers;
  }

  /** Compiles now (see ToolEntry.prepare): undefined when done, else a Promise; throws naming the prompt. */
  prepare(): Promise<void> | undefined {
    return this.#compile().args?.ready();
  }

  #compile(): CompiledPrompt {
    if (this.#compiled) return this.#compiled;
    if (this.#failure) throw this.#failure.error;
    try {
      this.#compiled = compilePrompt(this.name, this.#config);
    } catch (error) {
      this.#failure = { error };
      throw error;
    }
    return this.#compiled;
  }
}

function compilePrompt(name: string, config: PromptConfig<SchemaLike | undefined>): CompiledPrompt {
  const args =
    config.args &&
    compileSchemaLazily(config.args, { io: "input", name: `prompt "${name}" args`, requireObjectRoot: true });
  const prompt: Prompt = { name };
  if (config.title !== undefined) prompt.title = config.title;
  if (config.description !== undefined) prompt.description = config.description;
  const completers: Record<string, Completer> = {};
  if (args) {
    const properties = objectProperties(args.jsonSchema);
    prompt.arguments = properties.map(({ name: argName, description, required }) =>
      description === undefined ? { name: argName, required } : { name: argName, description, required },
    );
    const schemaProperties = (args.jsonSchema.properties ?? {}) as Record<string, unknown>;
    for (const { name: argName } of properties) {
      const fromEnum = enumCompleter(schemaProperties[argName]);
      if (fromEnum) completers[argName] = fromEnum;
    }
  }
  if (config.icons !== undefined) prompt.icons = config.icons;
  if (config._meta !== undefined) prompt._meta = config._meta;
  return { prompt, args, completers: { ...completers, ...config.complete } };
}
