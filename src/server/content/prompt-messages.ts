/*
 * What a prompt handler returns, turned into PromptMessages. user() and assistant() give plain
 * messages when they can; only a binary (image(), audio(), file()) waits for toPromptMessages.
 */
import type { Spec2025_11_25 } from "../../spec/index.js";
import { isBinaryContent, type BinaryContent, type ResolveOptions } from "./binary.js";
import { isContentBlock } from "./to-content.js";

type ContentBlock = Spec2025_11_25.ContentBlock;
type PromptMessage = Spec2025_11_25.PromptMessage;
type Role = Spec2025_11_25.Role;

/**
 * A message whose content is a binary still to be read; {@link toPromptMessages} resolves it.
 *
 * @example
 * const pending = user(image({ path: "chart.png" }));
 * const message = await pending.resolve(); // { role: "user", content: { type: "image", ... } }
 */
export class PendingPromptMessage {
  readonly role: Role;
  readonly content: BinaryContent;

  constructor(role: Role, content: BinaryContent) {
    this.role = role;
    this.content = content;
  }

  /** Reads the binary and returns the finished message. */
  async resolve(options: ResolveOptions = {}): Promise<PromptMessage> {
    return { role: this.role, content: await this.content.resolve(options) };
  }
}

/**
 * What a prompt handler may return, alone or in an array: text (a user message), a message
 * `{ role, content }` whose content is a string, block or binary, or what user()/assistant() made.
 *
 * @example
 * const messages: PromptMessageInput[] = ["Review this:", assistant("Sure, paste it.")];
 */
export type PromptMessageInput =
  | string
  | PromptMessage
  | PendingPromptMessage
  | { readonly role: Role; readonly content: string | ContentBlock | BinaryContent };

/**
 * What user() and assistant() accept as content.
 *
 * @example
 * const contents: MessageContent[] = ["hi", text("hi"), image({ path: "chart.png" })];
 */
export type MessageContent = string | ContentBlock | BinaryContent;

/**
 * A user message. Text and content blocks give a PromptMessage at once; a binary gives a
 * {@link PendingPromptMessage}, read when the prompt's result is built.
 *
 * @example
 * user("Please review this code"); // { role: "user", content: { type: "text", text: "Please review this code" } }
 */
export function user(content: string | ContentBlock): PromptMessage;
export function user(content: BinaryContent): PendingPromptMessage;
export function user(content: MessageContent): PromptMessage | PendingPromptMessage;
export function user(content: MessageContent): PromptMessage | PendingPromptMessage {
  return toMessage("user", content);
}

/**
 * An assistant message, like {@link user}.
 *
 * @example
 * assistant("I will look for unused variables first.");
 */
export function assistant(content: string | ContentBlock): PromptMessage;
export function assistant(content: BinaryContent): PendingPromptMessage;
export function assistant(content: MessageContent): PromptMessage | PendingPromptMessage;
export function assistant(content: MessageContent): PromptMessage | PendingPromptMessage {
  return toMessage("assistant", content);
}

function toMessage(role: Role, content: unknown): PromptMessage | PendingPromptMessage {
  if (typeof content === "string") return { role, content: { type: "text", text: content } };
  if (isBinaryContent(content)) return new PendingPromptMessage(role, content);
  if (isContentBlock(content)) return { role, content };
  throw new TypeError(`${role}(): content must be a string, a content block, or image()/audio()/file()`);
}

/**
 * Converts a prompt handler's return value into messages: a string is one user text message; a
 * message (or user()/assistant()) is itself; an array holds any of those, strings again as user
 * messages, in order (binaries are read concurrently). Anything else is a TypeError.
 *
 * @example
 * await toPromptMessages(["Review this:", assistant("Sure.")]);
 * // [{ role: "user", content: { type: "text", text: "Review this:" } }, { role: "assistant", ... }]
 */
export async function toPromptMessages(
  value: unknown,
  options: ResolveOptions = {},
): Promise<PromptMessage[]> {
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  const messages = items.map((item, index) => {
    const message = toMessageInput(item);
    if (message === undefined) throw notAMessage(value, Array.isArray(value) ? index : undefined);
    return message;
  });
  const waiting = messages.some((message) => message instanceof PendingPromptMessage);
  if (!waiting) return messages as PromptMessage[];
  return Promise.all(
    messages.map((message) =>
      message instanceof PendingPromptMessage ? message.resolve(options) : Promise.resolve(message),
    ),
  );
}

function toMessageInput(item: unknown): PromptMessage | PendingPromptMessage | undefined {
  if (typeof item === "string") return toMessage("user", item);
  if (item instanceof PendingPromptMessage) return item;
  if (typeof item !== "object" || item === null) return undefined;
  const { role, content } = item as { role?: unknown; content?: unknown };
  if (role !== "user" && role !== "assistant") return undefined;
  if (isContentBlock(content)) return item as PromptMessage;
  return typeof content === "string" || isBinaryContent(content) ? toMessage(role, content) : undefined;
}

function notAMessage(value: unknown, index: number | undefined): TypeError {
  const where =
    index === undefined
      ? `got ${describe(value)}`
      : `element ${index} is ${describe((value as unknown[])[index])}`;
  return new TypeError(
    `toPromptMessages: a prompt must return a string, a message { role: "user" | "assistant", content }, ` +
      `user(...)/assistant(...), or an array of those; ${where}`,
  );
}

function describe(item: unknown): string {
  if (item === null || item === undefined) return String(item);
  if (Array.isArray(item)) return "an array";
  return typeof item === "object" ? "an object that is not a message" : `a ${typeof item}`;
}
