// The schema layer: Standard Schema and plain JSON Schema, compiled once. Named re-exports only.
export type { StandardJSONSchemaV1, StandardSchemaV1, StandardTypedV1 } from "./standard-schema.js";
export type { InferInput, InferOutput, JsonSchema, SchemaLike } from "./schema-like.js";
export { hasJsonSchemaConverter, isJsonSchemaObject, isStandardSchema } from "./schema-like.js";
export type { FormatIssuesOptions, SchemaIssue, ValidationResult } from "./issues.js";
export { formatIssues, formatPath } from "./issues.js";
export type { CompiledSchema, CompileSchemaOptions } from "./compile.js";
export { compileSchema } from "./compile.js";
export type { ObjectProperty } from "./object-properties.js";
export { objectProperties } from "./object-properties.js";
export { SCHEMA_LIMITS } from "./limits.js";
