import type { CompiledSchema, CompileSchemaOptions } from "./compile.js";
import type { ValidationResult } from "./issues.js";
import type * as JsonSchemaEngine from "./json-schema-validator.js";
import { publishJsonSchema, usesJsonSchemaEngine } from "./publish.js";
import type { InferOutput, JsonSchema, SchemaLike } from "./schema-like.js";
import type { StandardSchemaV1 } from "./standard-schema.js";
import { simpleObjectCheck } from "./simple-object-check.js";
import { createStandardValidator } from "./standard-validator.js";

/*
 * compileSchema without a static import of @cfworker/json-schema (about a tenth of the SDK's import
 * time): the validator engine is imported the first time a plain JSON Schema is prepared, so a
 * server whose schemas are all Standard Schemas never loads it.
 */

type Engine = typeof JsonSchemaEngine;
type Check = (value: unknown) => ValidationResult<unknown>;

let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

function loadEngine(): Promise<Engine> {
  loading ??= import("./json-schema-validator.js").then(
    (loaded) => (engine = loaded),
    (error: unknown) => {
      loading = undefined; // let a later call try again
      throw error;
    },
  );
  return loading;
}

/**
 * A compiled schema whose plain-JSON-Schema validator may still have to be prepared.
 *
 * @example
 * const compiled: LazyCompiledSchema<unknown> = compileSchemaLazily({ type: "object" }, options);
 * await compiled.ready(); // references checked, validator built
 */
export interface LazyCompiledSchema<T> extends CompiledSchema<T> {
  /**
   * Completes what {@link compileSchema} checks up front: for a plain JSON Schema, its references,
   * with the validator engine loaded first if it is not yet. Returns undefined when nothing is left
   * to do, else a Promise; throws (or rejects with) the TypeError compileSchema would throw.
   */
  ready(): Promise<void> | undefined;
}

/**
 * {@link compileSchema}, with the JSON Schema derived and checked now, synchronously, and a plain
 * JSON Schema's references checked and validator built on `ready()` or the first validation (a
 * Promise until @cfworker/json-schema is loaded). Standard Schemas behave exactly as with compileSchema.
 *
 * @example
 * import { z } from "zod";
 * const input = compileSchemaLazily(z.object({ a: z.number() }), { io: "input", name: 'tool "t" input' });
 * input.ready(); // undefined: a Standard Schema validates itself
 * input.validate({ a: 1 }); // { ok: true, value: { a: 1 } }
 */
export function compileSchemaLazily<S extends SchemaLike>(
  schema: S,
  options: CompileSchemaOptions,
): LazyCompiledSchema<InferOutput<S>> {
  const jsonSchema = publishJsonSchema(schema, options);
  if (usesJsonSchemaEngine(schema)) {
    return withEngine(jsonSchema, options.name) as LazyCompiledSchema<InferOutput<S>>;
  }
  const validate = createStandardValidator(schema as StandardSchemaV1<unknown, InferOutput<S>>);
  return { jsonSchema, validate, ready: () => undefined };
}

/**
 * A plain JSON Schema validated by @cfworker/json-schema, loaded and prepared on first need. A
 * schema of the simple shape (see simpleObjectCheck) needs it only for a value the direct check
 * is not sure of: it has no references to check, so a server of such tools may never load it.
 */
function withEngine(schema: JsonSchema, name: string): LazyCompiledSchema<unknown> {
  // Without $schema there is no draft to refuse either: nothing can be wrong with such a schema.
  const surelyValid =
    typeof schema === "object" && !("$schema" in schema) ? simpleObjectCheck(schema) : undefined;
  let check: Check | undefined;
  let failure: { readonly error: unknown } | undefined;
  const build = (loaded: Engine): Check => {
    if (failure) throw failure.error;
    try {
      return (check ??= loaded.createJsonSchemaValidator(schema, name));
    } catch (error) {
      failure = { error }; // a broken schema fails the same way every time, without re-walking it
      throw error;
    }
  };
  const prepare = (): Check | Promise<Check> => check ?? (engine ? build(engine) : loadEngine().then(build));
  return {
    jsonSchema: schema,
    validate: (value) => {
      if (surelyValid?.(value)) return { ok: true, value };
      const prepared = prepare();
      return typeof prepared === "function" ? prepared(value) : prepared.then((ready) => ready(value));
    },
    ready: () => {
      if (surelyValid) return undefined;
      const prepared = prepare();
      return typeof prepared === "function" ? undefined : prepared.then(() => undefined);
    },
  };
}
