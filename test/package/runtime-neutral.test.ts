import { existsSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { walkImports } from "../helpers/dist-imports.js";
import { ROOT } from "../helpers/spawn.js";

/*
 * The root entry must run on any runtime (Deno, Bun, Workers, browsers): no module reachable from
 * dist/index.js may import a Node built-in. Checked on the built output, which is what users load:
 * esbuild's entries and the shared chunks they import, lazy chunks included.
 */

const NODE_BUILTINS = new Set(builtinModules);
const DIST = join(ROOT, "dist");

describe("runtime-neutral entries", () => {
  const entry = join(DIST, "index.js");

  it("has a build to check", () => {
    expect(existsSync(entry), "dist/index.js is missing: run `npm run build` first").toBe(true);
  });

  it.each(["index.js", "http/index.js", "testing/index.js", "adapters/hono.js"])(
    "reaches no Node built-in from dist/%s",
    (file) => {
      const offenders = [...walkImports(join(DIST, file), true).external].filter(
        ([specifier]) => specifier.startsWith("node:") || NODE_BUILTINS.has(specifier),
      );
      expect(offenders).toEqual([]);
    },
  );

  it("follows the bundle's shared and lazy chunks (the walk sees the code)", () => {
    const { files, external } = walkImports(entry, true);
    const chunks = [...files]
      .map((file) => relative(DIST, file))
      .filter((file) => file.startsWith("chunks/"));
    expect(chunks.length).toBeGreaterThan(1);
    expect(external.has("@cfworker/json-schema")).toBe(true); // only in the lazily imported validator chunk
  });

  it("does see the Node built-ins of the stdio entry (the walk works)", () => {
    const specifiers = [...walkImports(join(DIST, "stdio/index.js"), true).external.keys()];
    expect(specifiers.some((specifier) => specifier.startsWith("node:"))).toBe(true);
  });
});
