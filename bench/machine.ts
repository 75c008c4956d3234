import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";

/** The machine a run measured, printed with every table (ratios travel, absolute numbers do not). */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** Which mcpkit was measured: the commit, and whether src/ had uncommitted changes when dist/ was built. */
export function describeSource(root: string): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
    const commit = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--", "src") === ""
      ? commit
      : `${commit} with uncommitted changes in src/`;
  } catch {
    return "an unknown commit";
  }
}
