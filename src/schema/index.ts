// The schema layer: Standard Schema and plain JSON Schema, compiled once. Named re-exports only.
// This entry loads @cfworker/json-schema (through compileSchema): code on a server's start-up path
// imports lazy-compile.js, publish.js and issues.js directly, which do not.
export type { StandardJSONSchemaV1, StandardSchemaV1, StandardTypedV1 } from "./standard-schema.js";
export type { InferInput, InferOutput, JsonSchema, SchemaLike } from "./schema-like.js";
export { hasJsonSchemaConverter, isJsonSchemaObject, isStandardSchema } from "./schema-like.js";
export type { FormatIssuesOptions, SchemaIssue, ValidationResult } from "./issues.js";
export { formatIssues, formatPath } from "./issues.js";
export type { CompiledSchema, CompileSchemaOptions } from "./compile.js";
export { compileSchema } from "./compile.js";
export type { LazyCompiledSchema } from "./lazy-compile.js";
export { compileSchemaLazily } from "./lazy-compile.js";
export { isSchemaLike, notASchema, publishJsonSchema } from "./publish.js";
export type { ObjectProperty } from "./object-properties.js";
export { objectProperties } from "./object-properties.js";
export { SCHEMA_LIMITS } from "./limits.js";
