// `npm run bench`: the side-by-side benchmark of issue 6. Flags: --smoke (seconds, tiny counts,
// report in a temp dir), --only <ids> (some workloads), --rounds <n>, --out <dir> (report folder).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { FULL, SMOKE } from "./config.js";
import { consoleReport } from "./report/document.js";
import { writeReport } from "./report/write.js";
import { ROOT } from "./lib/runtime-build.js";
import { runBench } from "./run.js";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    out: { type: "string" },
    rounds: { type: "string" },
  },
});
const only = values.only?.split(",").map((id) => id.trim());
const base = values.smoke ? SMOKE : FULL;
const config = values.rounds === undefined ? base : { ...base, rounds: Number(values.rounds) };
const run = await runBench({ config, ...(only ? { only } : {}) });
process.stdout.write(`\n${consoleReport(run)}\n`);

// Only a full run of everything rewrites docs/; other runs write where they are told, or to a temp dir.
const out =
  values.out ??
  (values.smoke || only || values.rounds
    ? await mkdtemp(join(tmpdir(), "mcpkit-bench-report-"))
    : join(ROOT, "docs"));
const written = await writeReport(run, out);
process.stdout.write(`\nReport: ${written.markdown}\nChart:  ${written.chart}\n`);
process.exitCode = run.errors.length > 0 ? 1 : 0;
