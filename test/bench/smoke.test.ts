import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SMOKE } from "../../bench/config.js";
import { TARGETS } from "../../bench/report/targets.js";
import { writeReport } from "../../bench/report/write.js";
import { WORKLOADS, runBench } from "../../bench/run.js";
import type { BenchRun } from "../../bench/run.js";

/*
 * The benchmark harness with tiny counts, so it cannot rot: every workload runs against every
 * implementation and every target row gets a ratio. Nothing here asserts how fast anything is.
 */

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

let run: BenchRun | undefined;
async function smokeRun(): Promise<BenchRun> {
  run ??= await runBench({ config: SMOKE, log: () => {} });
  return run;
}

describe("npm run bench -- --smoke", () => {
  it("runs every workload for every implementation without a failed cell", async () => {
    const { errors, rows } = await smokeRun();
    expect(errors).toEqual([]);
    for (const row of rows) {
      for (const [impl, median] of Object.entries(row.medians)) {
        expect(Number.isFinite(median), `${row.metric.key} ${impl}: ${median}`).toBe(true);
        // The raw server's sessions (an id in a Set) can weigh less than the heap's own noise.
        if (row.metric.key !== "memory.session")
          expect(median, `${row.metric.key} ${impl}`).toBeGreaterThan(0);
      }
    }
    const keys = new Set(rows.map((row) => row.metric.key));
    const some = [
      "stdio.legacy.sequential",
      "memory-pair.pipelined",
      "http.stateless-sse.c16",
      "tools.list.first",
    ];
    for (const key of some) expect(keys.has(key), key).toBe(true);
    expect(WORKLOADS.length).toBeGreaterThanOrEqual(10);
  }, 120_000);

  it("measures every target row: mcpkit and the baseline, a finite positive ratio", async () => {
    const { verdicts } = await smokeRun();
    expect(verdicts.map((verdict) => verdict.target)).toEqual(TARGETS);
    for (const { target, row, ratio } of verdicts) {
      const where = `${target.key} vs ${target.against}`;
      expect(row?.medians.mcpkit, where).toBeGreaterThan(0);
      expect(row?.medians[target.against], where).toBeGreaterThan(0);
      expect(Number.isFinite(ratio) && ratio > 0, `${where}: ${ratio}`).toBe(true);
    }
  }, 120_000);

  it("writes the Markdown report and a well-formed SVG chart with a bar per target", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mcpkit-bench-smoke-"));
    dirs.push(dir);
    const written = await writeReport(await smokeRun(), dir);
    const markdown = await readFile(written.markdown, "utf8");
    const svg = await readFile(written.chart, "utf8");
    for (const target of TARGETS) expect(markdown).toContain(target.text);
    expect(markdown).toContain("](performance.svg)");
    expect(markdown).toMatch(/## Machine\n\n.+cores, \d+ GB, Node v\d+/);
    expect(checkXml(svg)).toEqual([]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // One bar or "not measured" note per target, and one target tick each.
    expect(svg.match(/<title>target /g)).toHaveLength(TARGETS.length);
    expect(svg).not.toContain("not measured");
  }, 120_000);
});

/** Problems that would make `xml` not well-formed: unbalanced tags, raw `<` or `&` in text, bad attributes. */
function checkXml(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let last = 0;
  const checkText = (text: string): void => {
    if (text.includes("<") || /&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text))
      problems.push(`bad text: ${text}`);
    if (stack.length === 0 && text.trim() !== "") problems.push(`text outside the root: ${text}`);
  };
  for (const match of xml.matchAll(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    checkText(xml.slice(last, match.index));
    last = match.index + match[0].length;
    const [, closing, name = "", , selfClosing] = match;
    if (closing) {
      if (stack.pop() !== name) problems.push(`unexpected </${name}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
  }
  checkText(xml.slice(last));
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
