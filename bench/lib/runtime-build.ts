import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** The repository root and the bench sources. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BENCH = join(ROOT, "bench");

/** The packages the server and client children import, linked into the build's node_modules. */
const LINKED = ["zod", "@modelcontextprotocol", "@hono"];

/** Where the children's JavaScript lives, and how to remove it. */
export interface RuntimeBuild {
  readonly dir: string;
  /** The compiled file of a bench source, e.g. entry("servers/mcpkit/stdio") */
  entry(path: string): string;
  dispose(): Promise<void>;
}

/**
 * Compiles bench/ to plain JavaScript in a temporary package whose node_modules links `mcpkit` to
 * this repository, so children run with plain `node` (no TypeScript loader in their start-up time)
 * and import mcpkit as a user does: through its package exports, from the built dist/.
 */
export async function buildRuntime(): Promise<RuntimeBuild> {
  if (!existsSync(join(ROOT, "dist", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm run bench does)");
  }
  const dir = await mkdtemp(join(tmpdir(), "mcpkit-bench-"));
  await writeFile(join(dir, "package.json"), '{ "type": "module", "private": true }\n');
  await mkdir(join(dir, "node_modules"));
  await symlink(ROOT, join(dir, "node_modules", "mcpkit"), "dir");
  for (const name of LINKED) {
    await symlink(join(ROOT, "node_modules", name), join(dir, "node_modules", name), "dir");
  }
  for (const file of await sources(BENCH)) {
    const output = ts.transpileModule(await readFile(file, "utf8"), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
      fileName: file,
    });
    const target = join(dir, relative(BENCH, file)).replace(/\.ts$/, ".js");
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output.outputText);
  }
  return {
    dir,
    entry: (path) => join(dir, `${path}.js`),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

async function sources(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name));
}
