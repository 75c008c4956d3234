import { describe, expect, it } from "vitest";
import {
  PendingPromptMessage,
  assistant,
  audio,
  file,
  image,
  resourceLink,
  text,
  toPromptMessages,
  user,
} from "../../../src/server/content/index.js";
import { PNG, wav } from "../../fixtures/content/samples.js";

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
const PNG_BLOCK = { type: "image", data: b64(PNG), mimeType: "image/png" };
const userText = (value: string) => ({ role: "user", content: { type: "text", text: value } });

describe("user() / assistant()", () => {
  it("give a finished PromptMessage for text and content blocks", () => {
    expect(user("hi")).toEqual(userText("hi"));
    expect(assistant("ok")).toEqual({ role: "assistant", content: { type: "text", text: "ok" } });
    const link = resourceLink({ uri: "file:///a.ts", name: "a.ts" });
    expect(user(link)).toEqual({ role: "user", content: link });
    expect(assistant(text("x", { _meta: { a: 1 } }))).toEqual({
      role: "assistant",
      content: { type: "text", text: "x", _meta: { a: 1 } },
    });
  });

  it("give a PendingPromptMessage for a binary, read only when resolved", async () => {
    const pending = user(image({ path: "/does/not/exist.png" }));
    expect(pending).toBeInstanceOf(PendingPromptMessage);
    expect(pending.role).toBe("user");
    await expect(pending.resolve()).rejects.toThrow(/image\(\): cannot read/);
    expect(await assistant(image(PNG)).resolve()).toEqual({ role: "assistant", content: PNG_BLOCK });
  });

  it("refuse other content", () => {
    expect(() => user(42 as never)).toThrow(
      "user(): content must be a string, a content block, or image()/audio()/file()",
    );
    expect(() => assistant({ type: "text" } as never)).toThrow(/^assistant\(\): content must be/);
  });
});

describe("toPromptMessages", { timeout: 5000 }, () => {
  it("turns a string into one user text message", async () => {
    expect(await toPromptMessages("Please review this code")).toEqual([userText("Please review this code")]);
  });

  it("keeps a PromptMessage as it is", async () => {
    const message = { role: "assistant", content: { type: "text", text: "Sure." } };
    const [converted] = await toPromptMessages(message);
    expect(converted).toBe(message);
  });

  it("accepts a message whose content is a string or a binary", async () => {
    expect(await toPromptMessages({ role: "assistant", content: "hi" })).toEqual([
      { role: "assistant", content: { type: "text", text: "hi" } },
    ]);
    expect(await toPromptMessages({ role: "user", content: image(PNG) })).toEqual([
      { role: "user", content: PNG_BLOCK },
    ]);
  });

  it("resolves user()/assistant() with binaries", async () => {
    expect(await toPromptMessages(user(image(PNG)))).toEqual([{ role: "user", content: PNG_BLOCK }]);
  });

  it("converts an array in order, strings as user messages, binaries concurrently", async () => {
    const messages = await toPromptMessages([
      "Describe these:",
      user(image(PNG)),
      assistant(audio(wav())),
      user(file(new TextEncoder().encode("a,b"), { name: "t.csv" })),
      assistant("Done."),
    ]);
    expect(messages).toEqual([
      userText("Describe these:"),
      { role: "user", content: PNG_BLOCK },
      { role: "assistant", content: { type: "audio", data: b64(wav()), mimeType: "audio/wav" } },
      {
        role: "user",
        content: { type: "resource", resource: { uri: "file:///t.csv", mimeType: "text/csv", text: "a,b" } },
      },
      { role: "assistant", content: { type: "text", text: "Done." } },
    ]);
    expect(await toPromptMessages([])).toEqual([]);
  });

  it.each([
    [42, "got a number"],
    [null, "got null"],
    [undefined, "got undefined"],
    [{ text: "hi" }, "got an object that is not a message"],
    [{ role: "system", content: "hi" }, "got an object that is not a message"],
    [{ role: "user", content: { type: "text" } }, "got an object that is not a message"],
    [text("bare block"), "got an object that is not a message"],
    [["ok", 5], "element 1 is a number"],
    [["ok", ["nested"]], "element 1 is an array"],
  ])("refuses %j with a clear TypeError", async (value, detail) => {
    const failure = toPromptMessages(value);
    await expect(failure).rejects.toThrow(TypeError);
    await expect(failure).rejects.toThrow(
      `toPromptMessages: a prompt must return a string, a message { role: "user" | "assistant", content }, user(...)/assistant(...), or an array of those; ${detail}`,
    );
  });
});
