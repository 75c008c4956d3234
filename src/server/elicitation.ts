import { ErrorCode, McpError, isJsonObject } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";
// Straight from the modules, not the schema index: the index loads the JSON Schema engine, which
// an elicitation needs only once a plain JSON Schema form is answered.
import { compileSchemaLazily } from "../schema/lazy-compile.js";
import { formatIssues } from "../schema/issues.js";
import type { CompiledSchema, InferOutput, SchemaLike } from "../schema/index.js";

/** A flat object schema describing the form to show the user. */
export type ElicitSchema = SchemaLike;

/** What the user did with an elicitation; accepted content is typed by the schema. */
export type ElicitOutcome<S extends ElicitSchema> =
  | { readonly action: "accept"; readonly content: InferOutput<S> }
  | { readonly action: "decline" }
  | { readonly action: "cancel" };

interface PreparedElicitation {
  requestedSchema: JsonObject;
  compiled: CompiledSchema<unknown>;
}

// Derive the JSON Schema of a form schema once, not on every ask.
const prepared = new WeakMap<object, PreparedElicitation>();

/**
 * The wire form of an elicitation schema (only `type`, `properties` and `required`: the spec
 * allows a restricted flat subset) and a validator for what comes back.
 */
export function toRequestedSchema<S extends ElicitSchema>(
  schema: S,
): { requestedSchema: JsonObject; validate: (answer: unknown) => Promise<ElicitOutcome<S>> } {
  let entry = prepared.get(schema);
  if (!entry) {
    const compiled = compileSchemaLazily(schema, {
      io: "input",
      name: "elicitation",
      requireObjectRoot: true,
    });
    const json = compiled.jsonSchema;
    const requestedSchema: JsonObject = {
      type: "object",
      properties: isJsonObject(json.properties) ? json.properties : {},
    };
    if (Array.isArray(json.required)) requestedSchema.required = json.required;
    entry = { requestedSchema, compiled };
    prepared.set(schema, entry);
  }
  const { requestedSchema, compiled } = entry;
  return { requestedSchema, validate: (answer) => readOutcome<S>(answer, compiled) };
}

async function readOutcome<S extends ElicitSchema>(
  answer: unknown,
  compiled: CompiledSchema<unknown>,
): Promise<ElicitOutcome<S>> {
  const action = isJsonObject(answer) ? answer.action : undefined;
  if (action === "decline" || action === "cancel") return { action };
  if (action !== "accept" || !isJsonObject(answer)) {
    throw new McpError(ErrorCode.InvalidParams, "Elicitation answer has no valid action");
  }
  const result = await compiled.validate(answer.content ?? {});
  if (!result.ok) {
    throw new McpError(
      ErrorCode.InvalidParams,
      `Elicitation answer does not match the form: ${formatIssues(result.issues)}`,
    );
  }
  return { action: "accept", content: result.value as InferOutput<S> };
}
