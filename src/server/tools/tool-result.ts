import { isJsonObject } from "../../jsonrpc/index.js";
import type { Spec2025_11_25 } from "../../spec/index.js";
import { isContentBlock } from "../content/index.js";
import { toContentBlocksNow } from "../content/to-content.js";
import type { ValidationResult } from "../../schema/index.js";
import type { MaybePromise } from "../../util/maybe-promise.js";
import type { ToolEntry } from "./define-tool.js";

type CallToolResult = Spec2025_11_25.CallToolResult;

const RESULT_KEYS = new Set(["content", "structuredContent", "isError", "_meta"]);

/** True for a value that already is a CallToolResult (returned as is). */
export function isCallToolResult(value: unknown): value is CallToolResult {
  if (!isJsonObject(value) || !Array.isArray(value.content)) return false;
  for (const key in value) if (!RESULT_KEYS.has(key)) return false;
  return value.content.every(isContentBlock);
}

/** A tool error the model sees: one text block and `isError`. */
export function toolErrorResult(message: string): CallToolResult {
  return { content: [{ type: "text", text: message }], isError: true };
}

/**
 * Turns a handler's return value into a CallToolResult. With an output schema the (validated)
 * value becomes `structuredContent`, and its JSON a text block for clients that predate it.
 */
export function toCallToolResult<L>(value: unknown, entry: ToolEntry<L>): MaybePromise<CallToolResult> {
  if (isCallToolResult(value)) return value;
  if (!entry.output) {
    const content = toContentBlocksNow(value);
    return content instanceof Promise ? content.then((blocks) => ({ content: blocks })) : { content };
  }
  const checked = entry.output.validate(value);
  return checked instanceof Promise
    ? checked.then((settled) => structuredResult(settled, entry))
    : structuredResult(checked, entry);
}

function structuredResult<L>(checked: ValidationResult<unknown>, entry: ToolEntry<L>): CallToolResult {
  if (!checked.ok)
    throw new InvalidToolOutput(entry.name, checked.issues.map((issue) => issue.message).join("; "));
  const structured = checked.value;
  // The spec asks for the serialized JSON in one text block; a plain string stays readable as is.
  const text = typeof structured === "string" ? structured : (JSON.stringify(structured) ?? "null");
  return {
    content: [{ type: "text", text }],
    structuredContent: (entry.wrapsResult ? { result: structured } : structured) as NonNullable<
      CallToolResult["structuredContent"]
    >,
  };
}

/** The handler returned something its own output schema rejects: a server bug, masked on the wire. */
export class InvalidToolOutput extends Error {
  override readonly name = "InvalidToolOutput";
  constructor(tool: string, detail: string) {
    super(`Tool "${tool}" returned a value that does not match its output schema: ${detail}`);
  }
}
