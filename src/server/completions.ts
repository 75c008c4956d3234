import type { JsonObject } from "../jsonrpc/index.js";

/** Suggests values for one prompt argument or template variable, given what was typed so far. */
export type Completer = (
  value: string,
  context: { readonly arguments: Readonly<Record<string, string>> },
) => readonly string[] | Promise<readonly string[]>;

/** The spec caps a completion answer at 100 values. */
const MAX_VALUES = 100;

/** A completion result: the first 100 values, with the total and whether more exist. */
export function toCompletion(values: readonly string[]): JsonObject {
  return {
    completion: {
      values: values.slice(0, MAX_VALUES),
      total: values.length,
      hasMore: values.length > MAX_VALUES,
    },
  };
}

/** A completer from a JSON Schema `enum` (automatic for enum-typed arguments): prefix match. */
export function enumCompleter(property: unknown): Completer | undefined {
  if (typeof property !== "object" || property === null) return undefined;
  const values = (property as { enum?: unknown }).enum;
  if (!Array.isArray(values)) return undefined;
  const options = values.filter((value): value is string => typeof value === "string");
  return (typed) => options.filter((option) => option.startsWith(typed));
}
