import type { JsonObject } from "../../jsonrpc/index.js";
import { compileSchema, objectProperties } from "../../schema/index.js";
import type { CompiledSchema, InferOutput, SchemaLike } from "../../schema/index.js";
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

/** A registered prompt, compiled once. */
export interface PromptEntry<L> {
  readonly name: string;
  readonly prompt: Prompt;
  readonly args: CompiledSchema<unknown> | undefined;
  readonly completers: Readonly<Record<string, Completer>>;
  readonly handler: (args: unknown, ctx: Context<L>) => unknown;
}

export function definePrompt<L>(
  name: string,
  config: PromptConfig<SchemaLike | undefined>,
  handler: PromptEntry<L>["handler"],
): PromptEntry<L> {
  if (name.length === 0) throw new TypeError("A prompt needs a name");
  const args =
    config.args &&
    compileSchema(config.args, { io: "input", name: `prompt "${name}" args`, requireObjectRoot: true });
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
  return { name, prompt, args, completers: { ...completers, ...config.complete }, handler };
}
