import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/spawn.js";

/*
 * The root entry must run on any runtime (Deno, Bun, Workers, browsers): no module reachable from
 * dist/index.js may import a Node built-in. Checked on the built output, which is what users load.
 */

const NODE_BUILTINS = new Set(builtinModules);
const IMPORT_PATTERN =
  /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|import\s*["']([^"']+)["']/g;

function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(IMPORT_PATTERN)].map((match) => match[1] ?? match[2] ?? match[3] ?? "");
}

/** Every specifier that is not a relative module, found by walking relative imports from `entry`. */
function externalImports(entry: string): Map<string, string> {
  const external = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith(".")) queue.push(resolve(dirname(file), specifier));
      else external.set(specifier, file);
    }
  }
  return external;
}

describe("runtime-neutral entries", () => {
  const entry = join(ROOT, "dist/index.js");

  it("has a build to check", () => {
    expect(existsSync(entry), "dist/index.js is missing: run `npm run build` first").toBe(true);
  });

  it.each(["index.js", "http/index.js", "testing/index.js", "adapters/hono.js"])(
    "reaches no Node built-in from dist/%s",
    (file) => {
      const offenders = [...externalImports(join(ROOT, "dist", file))].filter(
        ([specifier]) => specifier.startsWith("node:") || NODE_BUILTINS.has(specifier),
      );
      expect(offenders).toEqual([]);
    },
  );

  it("does see the Node built-ins of the stdio entry (the walk works)", () => {
    const specifiers = [...externalImports(join(ROOT, "dist/stdio/index.js")).keys()];
    expect(specifiers.some((specifier) => specifier.startsWith("node:"))).toBe(true);
  });
});
