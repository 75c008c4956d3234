/*
 * Standard Schema v1 and Standard JSON Schema v1 (https://standardschema.dev), declared here so the
 * SDK never depends on a schema library at runtime. Shapes follow @standard-schema/spec 1.1 exactly,
 * namespaces included, so zod, valibot and arktype schemas are assignable and types read the same.
 */
/* eslint-disable @typescript-eslint/no-namespace -- the published spec is shaped as namespaces */

/**
 * The base of both specs: a vendor name and the (type-only) input and output types.
 *
 * @example
 * const typed: StandardTypedV1<string> = { "~standard": { version: 1, vendor: "mine" } };
 */
export interface StandardTypedV1<Input = unknown, Output = Input> {
  /** The Standard properties. */
  readonly "~standard": StandardTypedV1.Props<Input, Output>;
}

/** Members of {@link StandardTypedV1}. */
export declare namespace StandardTypedV1 {
  /** The properties every Standard object carries. */
  interface Props<Input = unknown, Output = Input> {
    /** The version of the standard: always 1. */
    readonly version: 1;
    /** The schema library's name, e.g. `"zod"`. */
    readonly vendor: string;
    /** Phantom input and output types; never present at runtime. */
    readonly types?: Types<Input, Output> | undefined;
  }
  /** The input and output types of a schema. */
  interface Types<Input = unknown, Output = Input> {
    /** The type a schema accepts. */
    readonly input: Input;
    /** The type a schema produces. */
    readonly output: Output;
  }
  /** The input type of a Standard object. */
  type InferInput<Schema extends StandardTypedV1> = NonNullable<Schema["~standard"]["types"]>["input"];
  /** The output type of a Standard object. */
  type InferOutput<Schema extends StandardTypedV1> = NonNullable<Schema["~standard"]["types"]>["output"];
}

/**
 * A schema that validates: zod 4, valibot, arktype and others implement it.
 *
 * @example
 * import { z } from "zod";
 * const schema: StandardSchemaV1<{ a: number }> = z.object({ a: z.number() });
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema properties. */
  readonly "~standard": StandardSchemaV1.Props<Input, Output>;
}

/** Members of {@link StandardSchemaV1}. */
export declare namespace StandardSchemaV1 {
  /** The Standard Schema properties: the typed base plus `validate`. */
  interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    /** Validates an unknown value; a library may answer synchronously or with a Promise. */
    readonly validate: (
      value: unknown,
      options?: StandardSchemaV1.Options,
    ) => Result<Output> | Promise<Result<Output>>;
  }
  /** The outcome of `validate`. */
  type Result<Output> = SuccessResult<Output> | FailureResult;
  /** A successful validation: `issues` is absent. */
  interface SuccessResult<Output> {
    /** The validated (possibly transformed) value. */
    readonly value: Output;
    /** A falsy value marks success. */
    readonly issues?: undefined;
  }
  /** Options of `validate`. */
  interface Options {
    /** Vendor-specific parameters. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** A failed validation. */
  interface FailureResult {
    /** What is wrong with the value. */
    readonly issues: ReadonlyArray<Issue>;
  }
  /** One problem found in the value. */
  interface Issue {
    /** A human-readable message. */
    readonly message: string;
    /** Where in the value the problem is, outermost key first. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined;
  }
  /** A path segment given as an object. */
  interface PathSegment {
    /** The key of the segment. */
    readonly key: PropertyKey;
  }
  /** The input and output types of a schema. */
  type Types<Input = unknown, Output = Input> = StandardTypedV1.Types<Input, Output>;
  /** The input type of a Standard Schema. */
  type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>;
  /** The output type of a Standard Schema. */
  type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>;
}

/**
 * A schema that can describe itself as JSON Schema (zod 4, valibot via `toStandardJsonSchema`).
 *
 * @example
 * import { z } from "zod";
 * const schema: StandardJSONSchemaV1 = z.object({ a: z.number() });
 * schema["~standard"].jsonSchema.input({ target: "draft-2020-12" }); // { type: "object", ... }
 */
export interface StandardJSONSchemaV1<Input = unknown, Output = Input> {
  /** The Standard JSON Schema properties. */
  readonly "~standard": StandardJSONSchemaV1.Props<Input, Output>;
}

/** Members of {@link StandardJSONSchemaV1}. */
export declare namespace StandardJSONSchemaV1 {
  /** The Standard JSON Schema properties: the typed base plus `jsonSchema`. */
  interface Props<Input = unknown, Output = Input> extends StandardTypedV1.Props<Input, Output> {
    /** Converts the input or output type to JSON Schema. */
    readonly jsonSchema: StandardJSONSchemaV1.Converter;
  }
  /** Converts a schema to JSON Schema; may throw when a type cannot be represented. */
  interface Converter {
    /** JSON Schema of the accepted input. */
    readonly input: (options: StandardJSONSchemaV1.Options) => Record<string, unknown>;
    /** JSON Schema of the produced output. */
    readonly output: (options: StandardJSONSchemaV1.Options) => Record<string, unknown>;
  }
  /** The JSON Schema dialect to produce; libraries throw for targets they do not support. */
  type Target = "draft-2020-12" | "draft-07" | "openapi-3.0" | (string & Record<never, never>);
  /** Options of the converter methods. */
  interface Options {
    /** The dialect to produce. */
    readonly target: Target;
    /** Vendor-specific parameters. */
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }
  /** The input and output types of a schema. */
  type Types<Input = unknown, Output = Input> = StandardTypedV1.Types<Input, Output>;
  /** The input type of a Standard JSON Schema. */
  type InferInput<Schema extends StandardTypedV1> = StandardTypedV1.InferInput<Schema>;
  /** The output type of a Standard JSON Schema. */
  type InferOutput<Schema extends StandardTypedV1> = StandardTypedV1.InferOutput<Schema>;
}
