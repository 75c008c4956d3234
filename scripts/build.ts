/**
 * Builds dist/: esbuild bundles one ES module per `exports` subpath of package.json, with the code
 * that entries share in chunks (one copy of each class and each module-level WeakMap across
 * entries); tsc emits only the declarations, so the `types` paths and users' types do not change.
 *
 * Why bundle: cold start. tsc's one-file-per-module dist made Node load ~100 modules:
 * `import("mcpkit") + import("mcpkit/stdio")` took ~70 ms, bundled (7 files) ~22 ms; the bench's
 * cold start to the first answer (stdio, JSON Schema) went from ~175-190 ms to ~120-140 ms, against
 * ~280-320 ms for the official SDK 2.4.0 and ~100 ms for Node itself (2-core machine, Node 20).
 *
 *   tsx scripts/build.ts        (npm run build)
 */
import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

interface PackageJson {
  exports: Record<string, { import: string }>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** "./dist/adapters/node.js" -> ["adapters/node", "src/adapters/node.ts"]: output name and source. */
function entryPoints(pkg: PackageJson): Record<string, string> {
  return Object.fromEntries(
    Object.values(pkg.exports).map(({ import: file }) => {
      const name = file.replace(/^\.\/dist\//, "").replace(/\.js$/, "");
      return [name, `src/${name}.ts`];
    }),
  );
}

/** Runtime dependencies, optional peers and Node built-ins are imported, never copied into dist. */
function externals(pkg: PackageJson): string[] {
  const packages = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  return [...packages.flatMap((name) => [name, `${name}/*`]), "node:*", ...builtinModules];
}

/** A guard: any file from node_modules in the bundle means an import slipped past `externals`. */
function assertNothingInlined(metafile: Metafile): void {
  const inlined = Object.keys(metafile.inputs).filter((input) => input.includes("node_modules/"));
  if (inlined.length > 0) throw new Error(`dist would inline packages:\n  ${inlined.join("\n  ")}`);
}

async function bundle(pkg: PackageJson): Promise<void> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: entryPoints(pkg),
    outdir: "dist",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    external: externals(pkg),
    sourcemap: true,
    metafile: true,
    logLevel: "warning",
  });
  assertNothingInlined(result.metafile);
}

/** tsc writes only the .d.ts files (its errors go to our stdout, as with a plain `tsc`). */
function declarations(): Promise<void> {
  const tsc = fileURLToPath(new URL("../node_modules/typescript/bin/tsc", import.meta.url));
  const args = [tsc, "-p", "tsconfig.build.json"];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`tsc exited with ${code}`))));
  });
}

const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as PackageJson;
await rm(new URL("../dist", import.meta.url), { recursive: true, force: true });
await Promise.all([bundle(pkg), declarations()]);
