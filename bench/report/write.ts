import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { format } from "prettier";
import type { BenchRun } from "../run.js";
import { renderChart } from "./chart.js";
import { markdownReport } from "./document.js";

export const CHART_FILE = "performance.svg";
export const MARKDOWN_FILE = "performance.md";

/** Writes performance.md (formatted as the repository's prettier wants) and the chart into `dir`. */
export async function writeReport(run: BenchRun, dir: string): Promise<{ markdown: string; chart: string }> {
  const date = new Date().toISOString().slice(0, 10);
  await mkdir(dir, { recursive: true });
  const markdown = join(dir, MARKDOWN_FILE);
  const chart = join(dir, CHART_FILE);
  const text = await format(markdownReport(run, CHART_FILE, date), { parser: "markdown", printWidth: 110 });
  await writeFile(markdown, text);
  await writeFile(chart, renderChart(run.verdicts, run.machine, date));
  return { markdown, chart };
}
