import type { Machine } from "../machine.js";
import { formatRatio } from "./format.js";
import type { Verdict } from "./targets.js";

/**
 * The ratios as a dependency-free SVG bar chart: one bar per target, a tick at the target, green
 * when met and red when missed, and a whisker from the lowest to the highest side-by-side ratio.
 * Against 2.4.0 the bars show mcpkit's advantage on a log scale (right of 1× is better, whatever
 * the unit); against the raw server, the share of its throughput.
 */
const WIDTH = 980;
const LABEL_WIDTH = 330;
const PLOT_LEFT = LABEL_WIDTH + 20;
const PLOT_WIDTH = 540;
const ROW = 28;
const PASS = "#2e7d32";
const MISS = "#c62828";
const INK = "#222";
const GRID = "#ddd";

const SHORT_LABELS: Readonly<Record<string, string>> = {
  "stdio.legacy.pipelined": "stdio, 16 in flight, legacy",
  "stdio.modern.pipelined": "stdio, 16 in flight, 2026-07-28",
  "http.modern.c16": "HTTP 16 clients, 2026-07-28 stateless",
  "http.stateful-json.c16": "HTTP 16 clients, legacy stateful, JSON",
  "http.stateful-sse.c16": "HTTP 16 clients, legacy stateful, defaults",
  "memory.session": "heap per idle legacy session",
  "cold.legacy": "cold start, legacy, zod",
  "cold.modern": "cold start, 2026-07-28, zod",
  "cold.legacy.json": "cold start, legacy, JSON Schema",
  "cold.modern.json": "cold start, 2026-07-28, JSON Schema",
  "tools.list": "tools/list of 1,000 tools",
  "tools.register": "registering 1,000 tools",
  "client.legacy.cpu": "client CPU per call, legacy",
  "client.modern.cpu": "client CPU per call, 2026-07-28",
};

export function renderChart(verdicts: readonly Verdict[], machine: Machine, date: string): string {
  const official = verdicts.filter((verdict) => verdict.target.against === "v2");
  const raw = verdicts.filter((verdict) => verdict.target.against === "raw");
  const parts: string[] = [];
  let y = 30;
  parts.push(text(20, y, "mcpkit against the official SDK 2.4.0 and a raw JSON-RPC server", 18, "bold"));
  y += 22;
  parts.push(text(20, y, `Medians of one run, side by side: ${describe(machine)}, ${date}`, 12));
  y += 24;
  parts.push(...legend(20, y));
  y += 34;
  y = advantagePanel(parts, official, y);
  y += 24;
  y = rawPanel(parts, raw, y);
  const height = y + 20;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}

/** mcpkit ÷ 2.4.0 turned into "times better" (log axis from 1/8× to 32×). */
function advantagePanel(parts: string[], verdicts: readonly Verdict[], top: number): number {
  const min = Math.log2(1 / 8);
  const max = Math.log2(32);
  const x = (factor: number): number =>
    PLOT_LEFT + ((Math.min(Math.max(Math.log2(factor), min), max) - min) / (max - min)) * PLOT_WIDTH;
  const title = "Against official 2.4.0: how many times better mcpkit is (log scale, right is better)";
  parts.push(text(20, top, title, 14, "bold"));
  const plotTop = top + 14;
  const plotBottom = plotTop + verdicts.length * ROW;
  for (const tick of [0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32]) {
    const tx = x(tick);
    parts.push(line(tx, plotTop, tx, plotBottom, tick === 1 ? "#888" : GRID, tick === 1 ? 1.5 : 1));
    parts.push(text(tx, plotBottom + 14, tick < 1 ? `1/${1 / tick}×` : `${tick}×`, 11, "normal", "middle"));
  }
  verdicts.forEach((verdict, index) => {
    const rowY = plotTop + index * ROW;
    const better = verdict.row?.metric.better ?? "higher";
    const advantage = better === "higher" ? verdict.ratio : 1 / verdict.ratio;
    const goal = verdict.target.op === ">=" ? verdict.target.bound : 1 / verdict.target.bound;
    parts.push(text(LABEL_WIDTH, rowY + 18, labelOf(verdict), 12, "normal", "end"));
    if (Number.isFinite(advantage) && advantage > 0) {
      const from = x(1);
      const to = x(advantage);
      const color = verdict.pass ? PASS : MISS;
      parts.push(rect(Math.min(from, to), rowY + 6, Math.max(Math.abs(to - from), 1), ROW - 12, color));
      const spread = verdict.spread?.map((ratio) => (better === "higher" ? ratio : 1 / ratio));
      const [low, high] = spread ? [Math.min(...spread), Math.max(...spread)] : [advantage, advantage];
      if (spread)
        parts.push(whisker(x(low), x(high), rowY, `side by side ${formatRatio(low)} – ${formatRatio(high)}`));
      // Right of the bar, its whisker, the 1× line and the target tick, so none of them hides the number.
      const shown =
        advantage >= 1 ? `${formatRatio(advantage)} better` : `${formatRatio(1 / advantage)} worse`;
      parts.push(
        text(
          Math.max(from, to, x(goal), x(high)) + 6,
          rowY + 18,
          `${shown} (target ${formatRatio(goal)})`,
          11,
        ),
      );
    } else {
      parts.push(text(x(1) + 6, rowY + 18, "not measured", 11));
    }
    parts.push(targetTick(x(goal), rowY, `target ${formatRatio(goal)}`));
  });
  return plotBottom + 22;
}

/** mcpkit's throughput as a share of the raw server's (linear axis, 0 to 100 % or more). */
function rawPanel(parts: string[], verdicts: readonly Verdict[], top: number): number {
  const shares = verdicts.map((verdict) =>
    Number.isFinite(verdict.ratio) ? Math.max(verdict.ratio, verdict.spread?.[1] ?? 0) : 0,
  );
  const ceiling = Math.max(1, ...shares);
  // A little narrower than the plot above: a whisker can reach the ceiling, and its label goes right of it.
  const width = PLOT_WIDTH - 40;
  const x = (share: number): number => PLOT_LEFT + (Math.max(0, share) / ceiling) * width;
  parts.push(
    text(20, top, "Against the raw JSON-RPC server (the ceiling): share of its throughput", 14, "bold"),
  );
  const plotTop = top + 14;
  const plotBottom = plotTop + verdicts.length * ROW;
  for (let tick = 0; tick <= ceiling + 1e-9; tick += 0.25) {
    const tx = x(tick);
    parts.push(line(tx, plotTop, tx, plotBottom, tick === 1 ? "#888" : GRID, tick === 1 ? 1.5 : 1));
    parts.push(text(tx, plotBottom + 14, `${Math.round(tick * 100)} %`, 11, "normal", "middle"));
  }
  verdicts.forEach((verdict, index) => {
    const rowY = plotTop + index * ROW;
    const goal = x(verdict.target.bound);
    parts.push(text(LABEL_WIDTH, rowY + 18, labelOf(verdict), 12, "normal", "end"));
    if (Number.isFinite(verdict.ratio)) {
      const to = x(verdict.ratio);
      const color = verdict.pass ? PASS : MISS;
      parts.push(rect(PLOT_LEFT, rowY + 6, Math.max(to - PLOT_LEFT, 1), ROW - 12, color));
      const [low, high] = verdict.spread ?? [verdict.ratio, verdict.ratio];
      if (verdict.spread) {
        const title = `side by side ${formatRatio(low, true)} – ${formatRatio(high, true)}`;
        parts.push(whisker(x(low), x(high), rowY, title));
      }
      const shown = `${formatRatio(verdict.ratio, true)} (target ${formatRatio(verdict.target.bound, true)})`;
      parts.push(text(Math.max(to, goal, x(high)) + 6, rowY + 18, shown, 11));
    } else {
      parts.push(text(PLOT_LEFT + 6, rowY + 18, "not measured", 11));
    }
    parts.push(targetTick(goal, rowY, `target ${formatRatio(verdict.target.bound, true)}`));
  });
  return plotBottom + 22;
}

/** Green = target met, red = missed, black tick = the target. */
function legend(x: number, y: number): string[] {
  return [
    rect(x, y - 10, 14, 12, PASS),
    text(x + 20, y, "target met", 12),
    rect(x + 110, y - 10, 14, 12, MISS),
    text(x + 130, y, "target missed", 12),
    line(x + 245, y - 12, x + 245, y + 3, INK, 2.5),
    text(x + 253, y, "the target", 12),
    whiskerShape(x + 340, x + 370, y - 4),
    text(x + 378, y, "lowest – highest of the samples taken side by side", 12),
  ];
}

/** The spread of the side-by-side ratios across a bar's middle, with end caps. */
function whisker(from: number, to: number, rowY: number, title: string): string {
  return `<g><title>${escape(title)}</title>${whiskerShape(from, to, rowY + ROW / 2)}</g>`;
}

function whiskerShape(from: number, to: number, y: number): string {
  return [
    line(from, y, to, y, INK, 1.2),
    line(from, y - 4, from, y + 4, INK, 1.2),
    line(to, y - 4, to, y + 4, INK, 1.2),
  ].join("");
}

function labelOf(verdict: Verdict): string {
  return SHORT_LABELS[verdict.target.key] ?? verdict.row?.metric.label ?? verdict.target.key;
}

function describe(machine: Machine): string {
  return `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`;
}

function targetTick(x: number, rowY: number, title: string): string {
  return `<g><title>${escape(title)}</title><line x1="${fixed(x)}" y1="${rowY + 2}" x2="${fixed(x)}" y2="${rowY + ROW - 2}" stroke="${INK}" stroke-width="2.5"/></g>`;
}

function rect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${fixed(x)}" y="${y}" width="${fixed(width)}" height="${height}" fill="${fill}" opacity="0.85"/>`;
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, width: number): string {
  return `<line x1="${fixed(x1)}" y1="${y1}" x2="${fixed(x2)}" y2="${y2}" stroke="${stroke}" stroke-width="${width}"/>`;
}

function text(
  x: number,
  y: number,
  content: string,
  size: number,
  weight: "normal" | "bold" = "normal",
  anchor: "start" | "middle" | "end" = "start",
): string {
  return `<text x="${fixed(x)}" y="${y}" font-size="${size}" font-weight="${weight}" text-anchor="${anchor}" fill="${INK}">${escape(content)}</text>`;
}

function fixed(value: number): string {
  return value.toFixed(1);
}

/** XML text escaping: the chart is a standalone document, so labels must never break it. */
export function escape(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
