import { readFile } from "node:fs/promises";
import { ROOT } from "./runtime-build.js";

/** The parts of a V8 .cpuprofile (node --cpu-prof) the summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time of one function, or of one file. */
export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** Self time per function and per file, largest first: where the process itself spent its CPU. */
export async function summarizeProfile(file: string): Promise<{ functions: SelfTime[]; files: SelfTime[] }> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = byNode.get(id);
    if (!frame) return;
    total += micros;
    const where = shorten(frame.url);
    const name = `${frame.functionName || "(anonymous)"}  ${where}${where ? `:${frame.lineNumber + 1}` : ""}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    files.set(where || frame.functionName, (files.get(where || frame.functionName) ?? 0) + micros);
  });
  const rank = (map: Map<string, number>): SelfTime[] =>
    [...map]
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: micros / total }))
      .sort((a, b) => b.ms - a.ms);
  return { functions: rank(functions), files: rank(files) };
}

/** Paths relative to the repository (dist/..., node_modules/...), node: built-ins as they are. */
function shorten(url: string): string {
  const path = url.startsWith("file://") ? decodeURIComponent(url.slice(7)) : url;
  return path.startsWith(ROOT)
    ? path.slice(ROOT.length)
    : path.replace(/^.*\/mcpkit-bench-[^/]+\//, "bench/");
}
