import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/* Reads the import graph of the built dist/ (esbuild's entries and shared chunks) from its text. */

const STATIC_IMPORT = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*["']([^"']+)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+)["']\s*\)/g;

/** The specifiers a built file imports; with `dynamic`, also its literal `import("...")`s. */
export function importsOf(file: string, dynamic: boolean): string[] {
  const source = readFileSync(file, "utf8");
  const found = [...source.matchAll(STATIC_IMPORT)].map((match) => match[1] ?? match[2] ?? "");
  if (dynamic) found.push(...[...source.matchAll(DYNAMIC_IMPORT)].map((match) => match[1] ?? ""));
  return found;
}

/** What loading `entry` reaches: our files (relative imports followed) and external specifiers. */
export interface ImportWalk {
  readonly files: ReadonlySet<string>;
  /** Specifier -> the file that imports it. */
  readonly external: ReadonlyMap<string, string>;
}

/** Walks relative imports from `entry`; `dynamic` also follows lazy `import("./chunk.js")`s. */
export function walkImports(entry: string, dynamic: boolean): ImportWalk {
  const files = new Set<string>();
  const external = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of importsOf(file, dynamic)) {
      if (specifier.startsWith(".")) queue.push(resolve(dirname(file), specifier));
      else external.set(specifier, file);
    }
  }
  return { files, external };
}
