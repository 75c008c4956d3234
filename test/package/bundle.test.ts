import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import * as root from "mcpkit";
import * as express from "mcpkit/express";
import * as fastify from "mcpkit/fastify";
import * as hono from "mcpkit/hono";
import * as http from "mcpkit/http";
import * as node from "mcpkit/node";
import * as stdio from "mcpkit/stdio";
import * as testing from "mcpkit/testing";
import { walkImports } from "../helpers/dist-imports.js";
import { ROOT } from "../helpers/spawn.js";

/*
 * dist/ is bundled (scripts/build.ts): one file per package export, shared code in chunks. These
 * check the properties the bundle must keep: one copy of each module, few files to load, and the
 * same classes and module state whichever entries a program imports.
 */

const DIST = join(ROOT, "dist");
const FIXTURE = join(ROOT, "test/fixtures/package/cross-entry.mjs");

/** Source file -> the dist files whose source maps list it. */
function sourcesByOutput(): Map<string, string[]> {
  const outputs = readdirSync(DIST, { recursive: true, encoding: "utf8" }).filter((file) =>
    file.endsWith(".js"),
  );
  const owners = new Map<string, string[]>();
  for (const output of outputs) {
    const map = JSON.parse(readFileSync(join(DIST, `${output}.map`), "utf8")) as { sources: string[] };
    for (const source of map.sources) {
      const path = relative(ROOT, resolve(DIST, output, "..", source));
      owners.set(path, [...(owners.get(path) ?? []), output]);
    }
  }
  return owners;
}

interface CrossEntryReport {
  testingClientIsRootClient: boolean;
  stdioErrorIsRootSdkError: boolean;
  nodeFoundHttpViewHandler: boolean;
  answers: string[];
  exports: Record<string, string[]>;
}

async function runCrossEntryFixture(): Promise<CrossEntryReport> {
  const { stdout } = await promisify(execFile)(process.execPath, [FIXTURE], { cwd: ROOT, timeout: 15_000 });
  return JSON.parse(stdout) as CrossEntryReport;
}

describe("bundled dist", () => {
  it("holds each source module in exactly one file", () => {
    const owners = sourcesByOutput();
    const duplicated = [...owners].filter(([, outputs]) => outputs.length > 1);
    expect(duplicated).toEqual([]);
    expect(owners.has("src/server/mcp-server.ts")).toBe(true); // the maps name the sources
  });

  it("loads a handful of files for mcpkit + mcpkit/stdio (tsc's per-module output loaded ~100)", () => {
    const files = new Set([
      ...walkImports(join(DIST, "index.js"), false).files,
      ...walkImports(join(DIST, "stdio/index.js"), false).files,
    ]);
    expect(files.size).toBeGreaterThan(2);
    expect(files.size).toBeLessThanOrEqual(10);
  });

  it("starts a stdio server without node:child_process, which only the stdio client needs", () => {
    const external = new Map([
      ...walkImports(join(DIST, "index.js"), false).external,
      ...walkImports(join(DIST, "stdio/index.js"), false).external,
    ]);
    // Loading it (with the net, dgram and stream internals it pulls in) cost ~5 ms of cold start.
    expect(external.has("node:child_process")).toBe(false);
    expect(external.has("node:console")).toBe(true); // the walk does see the stdio entry's builtins
  });

  it("shares one copy of each class and of module state between entries, in plain Node", async () => {
    const report = await runCrossEntryFixture();
    expect(report).toMatchObject({
      testingClientIsRootClient: true,
      stdioErrorIsRootSdkError: true,
      nodeFoundHttpViewHandler: true,
      answers: ["memory", "http"],
    });
    const names = (module: object) => Object.keys(module).sort();
    expect(report.exports).toEqual({
      mcpkit: names(root),
      "mcpkit/express": names(express),
      "mcpkit/fastify": names(fastify),
      "mcpkit/hono": names(hono),
      "mcpkit/http": names(http),
      "mcpkit/node": names(node),
      "mcpkit/stdio": names(stdio),
      "mcpkit/testing": names(testing),
    });
  });
});
