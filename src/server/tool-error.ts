/**
 * An error meant for the model: its message becomes the text of an `isError` tool result, so
 * the model can read it and correct itself. Any other throw is masked as a generic failure.
 *
 * @example
 * if (!city) throw new ToolError("Unknown city: try a capital such as Paris");
 */
export class ToolError extends Error {
  override readonly name = "ToolError";
}
