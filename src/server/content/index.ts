export { BinaryContent, audio, file, image, isBinaryContent } from "./binary.js";
export type { BinaryBlock, BinaryKind, BinaryOptions, FileOptions, ResolveOptions } from "./binary.js";
export type { BinarySource } from "./source.js";
export { embeddedResource, resourceLink, text } from "./blocks.js";
export type { BlockOptions, EmbeddedResourceInput, ResourceLinkInput } from "./blocks.js";
export { isContentBlock, toContentBlocks } from "./to-content.js";
export { PendingPromptMessage, assistant, toPromptMessages, user } from "./prompt-messages.js";
export type { MessageContent, PromptMessageInput } from "./prompt-messages.js";
