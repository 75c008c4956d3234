/** Number formatting shared by the tables and the chart. */

/** A median in its unit, with about three significant digits. */
export function formatValue(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) return "—";
  if (unit === "calls/s")
    return value >= 10_000 ? `${(value / 1000).toFixed(1)}k` : Math.round(value).toLocaleString("en");
  return `${significant(value)} ${unit}`;
}

/** A ratio against another implementation: "2.41×", or a percentage against the raw ceiling. */
export function formatRatio(ratio: number, asPercent = false): string {
  if (!Number.isFinite(ratio)) return "—";
  return asPercent ? `${Math.round(ratio * 100)} %` : `${significant(ratio)}×`;
}

function significant(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString("en");
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** A Markdown table (the console prints the same text; prettier aligns the docs copy). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length), 3),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  const rule = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}
