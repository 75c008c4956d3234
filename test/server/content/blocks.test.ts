import { describe, expect, it } from "vitest";
import { embeddedResource, resourceLink, text } from "../../../src/server/content/index.js";

describe("text()", () => {
  it("makes a text block, with annotations and _meta only when given", () => {
    expect(text("hi")).toEqual({ type: "text", text: "hi" });
    expect(Object.keys(text("hi", {}))).toEqual(["type", "text"]);
    expect(text("hi", { annotations: { audience: ["user"] }, _meta: { a: 1 } })).toEqual({
      type: "text",
      text: "hi",
      annotations: { audience: ["user"] },
      _meta: { a: 1 },
    });
  });

  it("refuses a non-string", () => {
    expect(() => text(42 as never)).toThrow("text(): expected a string, got number");
  });
});

describe("resourceLink()", () => {
  it("makes a resource_link block with every given field and no undefined ones", () => {
    const link = resourceLink({
      uri: "file:///src/main.ts",
      name: "main.ts",
      title: "Entry point",
      description: "The CLI entry",
      mimeType: "text/typescript",
      size: 1234,
      annotations: { priority: 0.5 },
      icons: [{ src: "https://example.com/ts.png", mimeType: "image/png" }],
      _meta: { rev: 3 },
    });
    expect(link).toEqual({
      type: "resource_link",
      uri: "file:///src/main.ts",
      name: "main.ts",
      title: "Entry point",
      description: "The CLI entry",
      mimeType: "text/typescript",
      size: 1234,
      annotations: { priority: 0.5 },
      icons: [{ src: "https://example.com/ts.png", mimeType: "image/png" }],
      _meta: { rev: 3 },
    });
    const partial = resourceLink({ uri: "a://b", name: "b", title: undefined } as never);
    expect(partial).toEqual({ type: "resource_link", uri: "a://b", name: "b" });
    expect("title" in partial).toBe(false);
  });

  it("refuses a missing uri or name", () => {
    expect(() => resourceLink({ uri: "a://b" } as never)).toThrow(
      "resourceLink(): uri and name must be strings",
    );
  });
});

describe("embeddedResource()", () => {
  it("embeds text contents", () => {
    expect(embeddedResource({ uri: "memo://today", mimeType: "text/plain", text: "Buy milk" })).toEqual({
      type: "resource",
      resource: { uri: "memo://today", mimeType: "text/plain", text: "Buy milk" },
    });
  });

  it("embeds bytes as base64", () => {
    expect(embeddedResource({ uri: "file:///dot.bin", blob: new Uint8Array([1, 2, 3, 4]) })).toEqual({
      type: "resource",
      resource: { uri: "file:///dot.bin", blob: "AQIDBA==" },
    });
  });

  it("checks and pads base64", () => {
    expect(embeddedResource({ uri: "x:a", blob: { base64: "AQIDBA" } }).resource).toEqual({
      uri: "x:a",
      blob: "AQIDBA==",
    });
    expect(() => embeddedResource({ uri: "x:a", blob: { base64: "AQ ID" } })).toThrow(
      /embeddedResource\(\): Invalid base64: unexpected character " " \(U\+0020\) at index 2/,
    );
    expect(() => embeddedResource({ uri: "x:a", blob: "AQID" as never })).toThrow(
      "embeddedResource(): blob must be a Uint8Array or { base64: string }",
    );
  });

  it("puts annotations and _meta on the block, resourceMeta on the contents", () => {
    const block = embeddedResource({
      uri: "memo://1",
      text: "x",
      annotations: { priority: 1 },
      _meta: { block: true },
      resourceMeta: { contents: true },
    });
    expect(block).toEqual({
      type: "resource",
      resource: { uri: "memo://1", _meta: { contents: true }, text: "x" },
      annotations: { priority: 1 },
      _meta: { block: true },
    });
  });

  it("refuses a non-string uri or text", () => {
    expect(() => embeddedResource({ uri: 1, text: "x" } as never)).toThrow(
      "embeddedResource(): uri must be a string",
    );
    expect(() => embeddedResource({ uri: "a:b", text: 1 } as never)).toThrow(
      "embeddedResource(): text must be a string",
    );
  });
});
