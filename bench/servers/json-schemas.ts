/**
 * The echo tool's input as a plain JSON Schema, for the cold-start servers that load no schema
 * library (mcpkit takes it as is, 2.4.0 through fromJsonSchema; 1.32.2 has no such path).
 */
export const ECHO_JSON_SCHEMA = {
  type: "object",
  properties: { text: { type: "string" } },
  required: ["text"],
} as const;
