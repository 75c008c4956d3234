import { connect } from "mcpkit/testing";
import { describe, expect, it } from "vitest";
import { mcp } from "../../examples/resources.js";

describe.each(["modern", "legacy"] as const)("examples/resources.ts (%s)", (era) => {
  it("lists the static resource and the template apart", async () => {
    await using client = await connect(mcp, { era });
    const { resources } = await client.listResources();
    expect(resources).toEqual([
      { uri: "config://app", name: "config://app", description: "Static configuration data" },
    ]);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      {
        uriTemplate: "users://{user_id}/profile",
        name: "users://{user_id}/profile",
        description: "Dynamic user data",
      },
    ]);
  });

  it("reads config://app", async () => {
    await using client = await connect(mcp, { era });
    const { contents } = await client.readResource({ uri: "config://app" });
    expect(contents).toEqual([
      { uri: "config://app", mimeType: "text/plain", text: "App configuration here" },
    ]);
  });

  it("reads a user's profile through the template", async () => {
    await using client = await connect(mcp, { era });
    const { contents } = await client.readResource({ uri: "users://42/profile" });
    expect(contents).toEqual([
      { uri: "users://42/profile", mimeType: "text/plain", text: "Profile data for user 42" },
    ]);
  });

  it("answers resource-not-found for a URI that matches nothing", async () => {
    await using client = await connect(mcp, { era });
    // 2026-07-28 reports it as -32602 with the uri; legacy revisions as -32002.
    await expect(client.readResource({ uri: "users://42/settings" })).rejects.toMatchObject({
      code: era === "modern" ? -32602 : -32002,
      message: "Resource not found: users://42/settings",
      data: { uri: "users://42/settings" },
    });
  });
});
