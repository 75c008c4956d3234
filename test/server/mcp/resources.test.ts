import { resourceNotFound } from "mcpkit";
import { connect } from "mcpkit/testing";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { ERAS, PNG, base64, createServer, expectMcpError, notFoundCode, payload } from "./helpers.js";

describe.each(ERAS)("McpServer resources (%s)", (era) => {
  describe("static resources", () => {
    it("serves text as text/plain unless a mimeType is given", async () => {
      const { server } = createServer();
      server.resource("memo://today", () => "Buy milk");
      server.resource("docs://readme", { mimeType: "text/markdown" }, () => "# Read me");
      await using client = await connect(server, { era });

      expect(payload(era, await client.readResource({ uri: "memo://today" }))).toEqual({
        contents: [{ uri: "memo://today", mimeType: "text/plain", text: "Buy milk" }],
      });
      expect(payload(era, await client.readResource({ uri: "docs://readme" }))).toEqual({
        contents: [{ uri: "docs://readme", mimeType: "text/markdown", text: "# Read me" }],
      });
    });

    it("serves bytes as a base64 blob with a sniffed mimeType", async () => {
      const { server } = createServer();
      const unknown = new Uint8Array([1, 2, 3, 250]);
      server.resource("images://logo", () => PNG);
      server.resource("data://raw", () => unknown);
      await using client = await connect(server, { era });

      expect(payload(era, await client.readResource({ uri: "images://logo" }))).toEqual({
        contents: [{ uri: "images://logo", mimeType: "image/png", blob: base64(PNG) }],
      });
      expect(payload(era, await client.readResource({ uri: "data://raw" }))).toEqual({
        contents: [{ uri: "data://raw", mimeType: "application/octet-stream", blob: base64(unknown) }],
      });
    });

    it("serves an object as application/json text", async () => {
      const { server } = createServer();
      const config = { theme: "dark", retries: 3, features: ["a", "b"] };
      server.resource("config://app", () => config);
      await using client = await connect(server, { era });

      expect(payload(era, await client.readResource({ uri: "config://app" }))).toEqual({
        contents: [{ uri: "config://app", mimeType: "application/json", text: JSON.stringify(config) }],
      });
    });

    it("lists static resources with what they were registered with", async () => {
      const { server } = createServer();
      server.resource("memo://today", () => "Buy milk");
      server.resource(
        "config://app",
        {
          name: "app-config",
          title: "App configuration",
          description: "Settings of the app",
          mimeType: "application/json",
          annotations: { audience: ["assistant"], priority: 0.5 },
          icons: [{ src: "https://example.com/gear.svg", mimeType: "image/svg+xml" }],
          size: 42,
        },
        () => ({}),
      );
      await using client = await connect(server, { era });

      expect(payload(era, await client.listResources())).toEqual({
        resources: [
          { uri: "memo://today", name: "memo://today" },
          {
            uri: "config://app",
            name: "app-config",
            title: "App configuration",
            description: "Settings of the app",
            mimeType: "application/json",
            annotations: { audience: ["assistant"], priority: 0.5 },
            icons: [{ src: "https://example.com/gear.svg", mimeType: "image/svg+xml" }],
            size: 42,
          },
        ],
      });
    });

    it("passes a returned { contents } through as is", async () => {
      const { server } = createServer();
      const contents = [
        { uri: "bundle://app/a.txt", mimeType: "text/plain", text: "A" },
        { uri: "bundle://app/b.bin", mimeType: "application/x-custom", blob: base64(PNG) },
      ];
      server.resource("bundle://app", () => ({ contents }));
      await using client = await connect(server, { era });

      expect(payload(era, await client.readResource({ uri: "bundle://app" }))).toEqual({ contents });
    });
  });

  describe("templates", () => {
    it("gives the handler the typed, decoded variables of greeting://{name}", async () => {
      const { server } = createServer();
      server.resource("greeting://{name}", (variables) => {
        expectTypeOf(variables).branded.toEqualTypeOf<{ name: string }>();
        return `Hello, ${variables.name}!`;
      });
      await using client = await connect(server, { era });

      expect(payload(era, await client.readResource({ uri: "greeting://Ada%20Lovelace" }))).toEqual({
        contents: [
          { uri: "greeting://Ada%20Lovelace", mimeType: "text/plain", text: "Hello, Ada Lovelace!" },
        ],
      });
    });

    it("matches a variable in the middle of the path (users://{id}/profile)", async () => {
      const { server } = createServer();
      const profile = vi.fn(({ id }: { id: string }) => ({ id, name: `User ${id}` }));
      server.resource("users://{id}/profile", profile);
      await using client = await connect(server, { era });

      expect(payload(era, await client.readResource({ uri: "users://42/profile" }))).toEqual({
        contents: [
          { uri: "users://42/profile", mimeType: "application/json", text: '{"id":"42","name":"User 42"}' },
        ],
      });
      await expectMcpError(client.readResource({ uri: "users://42/settings" }), notFoundCode(era));
      await expectMcpError(client.readResource({ uri: "users://42/7/profile" }), notFoundCode(era));
      expect(profile).toHaveBeenCalledTimes(1);
    });

    it("reads {?query} variables, each optional and in any order", async () => {
      const { server } = createServer();
      const search = vi.fn((variables: { q?: string; limit?: string }) => JSON.stringify(variables));
      server.resource("search://docs{?q,limit}", (variables) => {
        expectTypeOf(variables).branded.toEqualTypeOf<{ q?: string; limit?: string }>();
        return search(variables);
      });
      await using client = await connect(server, { era });
      const read = async (uri: string) => {
        const { contents } = payload(era, await client.readResource({ uri })) as {
          contents: { text: string }[];
        };
        return JSON.parse(contents[0]?.text ?? "null") as unknown;
      };

      expect(await read("search://docs?q=model%20context&limit=5")).toEqual({
        q: "model context",
        limit: "5",
      });
      expect(await read("search://docs?limit=5&q=mcp")).toEqual({ q: "mcp", limit: "5" });
      expect(await read("search://docs")).toEqual({});
      await expectMcpError(client.readResource({ uri: "search://docs?other=1" }), notFoundCode(era));
    });

    it("lists templates with their descriptions", async () => {
      const { server } = createServer();
      server.resource("greeting://{name}", () => "hi");
      server.resource(
        "users://{id}/profile",
        {
          name: "user-profile",
          title: "User profile",
          description: "One user's public profile",
          mimeType: "application/json",
          annotations: { audience: ["user", "assistant"], priority: 1 },
          icons: [{ src: "data:image/png;base64,iVBORw0KGgo=", mimeType: "image/png" }],
          _meta: { "example.com/cache": "none" },
        },
        () => ({}),
      );
      server.resource("memo://today", () => "not a template");
      await using client = await connect(server, { era });

      expect(payload(era, await client.listResourceTemplates())).toEqual({
        resourceTemplates: [
          { uriTemplate: "greeting://{name}", name: "greeting://{name}" },
          {
            uriTemplate: "users://{id}/profile",
            name: "user-profile",
            title: "User profile",
            description: "One user's public profile",
            mimeType: "application/json",
            annotations: { audience: ["user", "assistant"], priority: 1 },
            icons: [{ src: "data:image/png;base64,iVBORw0KGgo=", mimeType: "image/png" }],
            _meta: { "example.com/cache": "none" },
          },
        ],
      });
    });

    it("adds what a template's list callback returns to resources/list", async () => {
      const { server } = createServer();
      server.resource("memo://today", () => "Buy milk");
      server.resource(
        "users://{id}/profile",
        {
          list: () => [
            { uri: "users://1/profile", name: "Ada" },
            { uri: "users://2/profile", name: "Grace", mimeType: "application/json" },
          ],
        },
        ({ id }) => ({ id }),
      );
      await using client = await connect(server, { era });

      expect(payload(era, await client.listResources())).toEqual({
        resources: [
          { uri: "memo://today", name: "memo://today" },
          { uri: "users://1/profile", name: "Ada" },
          { uri: "users://2/profile", name: "Grace", mimeType: "application/json" },
        ],
      });
    });
  });

  describe("not found and path traversal", () => {
    it("answers an unknown URI with the era's not-found code", async () => {
      const { server } = createServer();
      server.resource("memo://today", () => "Buy milk");
      await using client = await connect(server, { era });

      const error = await expectMcpError(
        client.readResource({ uri: "memo://tomorrow" }),
        notFoundCode(era),
        "Resource not found: memo://tomorrow",
      );
      expect(error.data).toEqual({ uri: "memo://tomorrow" });
    });

    it("lets a handler answer not found itself, in the era's code", async () => {
      const { server } = createServer();
      const known = new Set(["1"]);
      server.resource("users://{id}/profile", ({ id }, ctx) => {
        if (!known.has(id)) throw resourceNotFound(`users://${id}/profile`, ctx.era);
        return { id };
      });
      await using client = await connect(server, { era });

      await expectMcpError(client.readResource({ uri: "users://2/profile" }), notFoundCode(era));
      expect(payload(era, await client.readResource({ uri: "users://1/profile" }))).toEqual({
        contents: [{ uri: "users://1/profile", mimeType: "application/json", text: '{"id":"1"}' }],
      });
    });

    it("masks an unexpected handler error as -32603 and hands it to onError", async () => {
      const { server, errors } = createServer();
      const secret = new Error("connect ECONNREFUSED db.internal:5432");
      server.resource("db://stats", () => {
        throw secret;
      });
      await using client = await connect(server, { era });

      const error = await expectMcpError(client.readResource({ uri: "db://stats" }), -32603);
      expect(JSON.stringify({ message: error.message, data: error.data })).not.toContain("db.internal");
      expect(errors).toEqual([secret]);
    });

    it("rejects invalid and duplicate registrations", () => {
      const { server } = createServer();
      server.resource("memo://today", () => "a");
      expect(() => server.resource("memo://today", () => "b")).toThrow(
        new TypeError('A resource named "memo://today" is already registered'),
      );
      expect(() => server.resource("not a uri", () => "c")).toThrow(
        new TypeError('Invalid resource URI "not a uri"'),
      );
      expect(() => server.resource("greeting://{}", () => "d")).toThrow(TypeError);
    });

    it("does not let file:///{+path} match a path that climbs out with ..", async () => {
      const { server } = createServer();
      const read = vi.fn(({ path }: { path: string }) => `contents of ${path}`);
      server.resource("file:///{+path}", read);
      await using client = await connect(server, { era });

      expect(payload(era, await client.readResource({ uri: "file:///docs/readme.md" }))).toEqual({
        contents: [
          { uri: "file:///docs/readme.md", mimeType: "text/plain", text: "contents of docs/readme.md" },
        ],
      });
      for (const uri of [
        "file:///../etc/passwd",
        "file:///docs/../../etc/passwd",
        "file:///docs/%2E%2E/%2e%2e/x",
      ]) {
        await expectMcpError(client.readResource({ uri }), notFoundCode(era), `Resource not found: ${uri}`);
      }
      expect(read).toHaveBeenCalledTimes(1);
    });

    it("lets a template opt in to .. segments with allowTraversal", async () => {
      const { server } = createServer();
      server.resource("file:///{+path}", { allowTraversal: true }, ({ path }) => path);
      await using client = await connect(server, { era });

      expect(payload(era, await client.readResource({ uri: "file:///../etc/passwd" }))).toEqual({
        contents: [{ uri: "file:///../etc/passwd", mimeType: "text/plain", text: "../etc/passwd" }],
      });
    });
  });
});
