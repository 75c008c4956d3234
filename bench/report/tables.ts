import { IMPLS, IMPL_LABELS } from "../impls.js";
import type { Row, Section } from "../results.js";
import { formatRatio, formatValue, markdownTable } from "./format.js";
import { ratioOf } from "./targets.js";
import type { Verdict } from "./targets.js";

/**
 * The targets table: each ratio (of the medians) with its target beside it, whether it is met,
 * and the spread of the ratios of samples taken side by side.
 */
export function targetsTable(verdicts: readonly Verdict[]): string {
  const rows = verdicts.map(({ target, row, ratio, spread, pass }) => {
    const unit = row?.metric.unit ?? "";
    const vsRaw = target.against === "raw";
    return [
      row?.metric.label ?? target.key,
      formatValue(row?.medians.mcpkit, unit),
      `${formatValue(row?.medians[target.against], unit)} (${vsRaw ? "raw" : "2.4.0"})`,
      formatRatio(ratio, vsRaw),
      spread ? `${formatRatio(spread[0], vsRaw)} – ${formatRatio(spread[1], vsRaw)}` : "—",
      target.text,
      Number.isFinite(ratio) ? (pass ? "pass" : "MISS") : "not measured",
    ];
  });
  return markdownTable(
    [
      "workload",
      "mcpkit",
      "against",
      "mcpkit ÷ against",
      "side by side, lowest – highest",
      "target",
      "result",
    ],
    rows,
  );
}

export const SECTION_TITLES: Readonly<Record<Section, string>> = {
  throughput: "Throughput (median calls/s; ratios above 1 favour mcpkit)",
  latency: "Latency (median of per-cell p50/p99; ratios below 1 favour mcpkit)",
  cost: "Start-up, memory, registration and client CPU (ratios below 1 favour mcpkit)",
};

/** Every row of one section: the medians per implementation and mcpkit's ratio to each other one. */
export function sectionTable(rows: readonly Row[], section: Section): string {
  const others = IMPLS.filter((impl) => impl !== "mcpkit");
  const body = rows
    .filter((row) => row.metric.section === section)
    .map((row) => [
      row.metric.label,
      ...IMPLS.map((impl) => formatValue(row.medians[impl], row.metric.unit)),
      ...others.map((impl) => formatRatio(ratioOf(row, impl), impl === "raw")),
    ]);
  return markdownTable(
    [
      "workload",
      ...IMPLS.map((impl) => IMPL_LABELS[impl]),
      ...others.map(
        (impl) => `mcpkit ÷ ${impl === "raw" ? "raw" : IMPL_LABELS[impl].replace("official ", "")}`,
      ),
    ],
    body,
  );
}
