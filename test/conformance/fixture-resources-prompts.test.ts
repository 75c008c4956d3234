import { describe, expect, it } from "vitest";
import { McpError } from "mcpkit";
import type { JsonObject } from "mcpkit";
import { connect } from "mcpkit/testing";
import { PNG } from "./expected.js";
import { createConformanceServer } from "./fixture.js";

/* The fixture's resources, prompts, completions and utilities, as the referee checks them. */

describe.each(["legacy", "modern"] as const)("conformance resources, prompts and completions (%s)", (era) => {
  it("lists resources with a uri and a name, and the template (resources-list)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const { resources } = await client.listResources();
    expect(resources.map(({ uri, name, mimeType }) => ({ uri, name, mimeType }))).toEqual([
      { uri: "test://static-text", name: "static-text", mimeType: "text/plain" },
      { uri: "test://static-binary", name: "static-binary", mimeType: "image/png" },
      { uri: "test://watched-resource", name: "watched-resource", mimeType: "text/plain" },
    ]);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      expect.objectContaining({ uriTemplate: "test://template/{id}/data", mimeType: "application/json" }),
    ]);
  });

  it("reads text, binary and templated resources (resources-read-*, resources-templates-read)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const read = async (uri: string) => (await client.readResource({ uri })).contents;
    expect(await read("test://static-text")).toEqual([
      {
        uri: "test://static-text",
        mimeType: "text/plain",
        text: "This is the content of the static text resource.",
      },
    ]);
    expect(await read("test://static-binary")).toEqual([
      { uri: "test://static-binary", mimeType: "image/png", blob: PNG },
    ]);
    expect(await read("test://template/123/data")).toEqual([
      {
        uri: "test://template/123/data",
        mimeType: "application/json",
        text: '{"id":"123","templateTest":true,"data":"Data for ID: 123"}',
      },
    ]);
    expect(await read("test://watched-resource")).toEqual([
      { uri: "test://watched-resource", mimeType: "text/plain", text: "Watched resource content" },
    ]);
  });

  it("answers an unknown resource with an error naming the uri (sep-2164-resource-not-found)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const uri = "test://nonexistent-resource-for-conformance-testing";
    const error = await client.readResource({ uri }).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(McpError);
    expect(error).toMatchObject({ code: era === "modern" ? -32602 : -32002, data: { uri } });
  });

  it("lists prompts with descriptions and gets each one (prompts-*)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const { prompts } = await client.listPrompts();
    for (const prompt of prompts) expect(prompt.description, prompt.name).toMatch(/\S/);
    expect(prompts.map((prompt) => prompt.name)).toEqual([
      "test_simple_prompt",
      "test_prompt_with_arguments",
      "test_prompt_with_embedded_resource",
      "test_prompt_with_image",
      "test_input_required_result_prompt",
    ]);
    const get = async (name: string, args?: Record<string, string>) =>
      (await client.getPrompt(args ? { name, arguments: args } : { name })).messages;
    expect(await get("test_simple_prompt")).toEqual([
      { role: "user", content: { type: "text", text: "This is a simple prompt for testing." } },
    ]);
    expect(await get("test_prompt_with_arguments", { arg1: "testValue1", arg2: "testValue2" })).toEqual([
      {
        role: "user",
        content: { type: "text", text: "Prompt with arguments: arg1='testValue1', arg2='testValue2'" },
      },
    ]);
    expect(
      await get("test_prompt_with_embedded_resource", { resourceUri: "test://example-resource" }),
    ).toEqual([
      {
        role: "user",
        content: {
          type: "resource",
          resource: {
            uri: "test://example-resource",
            mimeType: "text/plain",
            text: "Embedded resource content for testing.",
          },
        },
      },
      { role: "user", content: { type: "text", text: "Please process the embedded resource above." } },
    ]);
    expect(await get("test_prompt_with_image")).toEqual([
      { role: "user", content: { type: "image", data: PNG, mimeType: "image/png" } },
      { role: "user", content: { type: "text", text: "Please analyze the image above." } },
    ]);
  });

  it("completes arg1 of test_prompt_with_arguments (completion-complete)", async () => {
    await using client = await connect(createConformanceServer(), { era });
    const result = await client.complete({
      ref: { type: "ref/prompt", name: "test_prompt_with_arguments" },
      argument: { name: "arg1", value: "test" },
    });
    expect(result.completion).toEqual({ values: ["testValue1", "testValue2"], total: 2, hasMore: false });
  });
});

describe("conformance utilities on a legacy session", () => {
  it("answers ping, logging/setLevel and resources/(un)subscribe with {}", async () => {
    await using client = await connect(createConformanceServer(), { era: "legacy" });
    expect(await client.request("ping")).toEqual({});
    expect(await client.setLoggingLevel({ level: "info" })).toEqual({});
    expect(await client.subscribeResource({ uri: "test://watched-resource" })).toEqual({});
    expect(await client.unsubscribeResource({ uri: "test://watched-resource" })).toEqual({});
  });
});

describe("conformance cache hints on 2026-07-28 results (caching)", () => {
  it("puts ttlMs and cacheScope on every list and read; static resources may be kept a minute", async () => {
    await using client = await connect(createConformanceServer(), { era: "modern" });
    const hint = (result: JsonObject) => ({ ttlMs: result.ttlMs, cacheScope: result.cacheScope });
    const changing = { ttlMs: 0, cacheScope: "private" };
    expect(hint(await client.listTools())).toEqual(changing);
    expect(hint(await client.listPrompts())).toEqual(changing);
    expect(hint(await client.listResources())).toEqual(changing);
    expect(hint(await client.listResourceTemplates())).toEqual(changing);
    expect(hint(await client.readResource({ uri: "test://template/1/data" }))).toEqual(changing);
    const fixed = { ttlMs: 60_000, cacheScope: "public" };
    expect(hint(await client.readResource({ uri: "test://static-text" }))).toEqual(fixed);
    expect(hint(await client.readResource({ uri: "test://static-binary" }))).toEqual(fixed);
  });
});
