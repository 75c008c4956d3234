import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tsxCommand } from "../helpers/spawn.js";

/* `npm run demo` is the first thing a new user runs: it must work and show both eras. */

describe("examples/demo.ts", () => {
  it("drives the low-level server in both eras and exits cleanly", async () => {
    const { command, args, cwd } = tsxCommand("examples/demo.ts");
    const { stdout } = await promisify(execFile)(command, args, { cwd, timeout: 20_000 });
    expect(stdout).toContain("era: modern, protocol version: 2026-07-28");
    expect(stdout).toContain("era: legacy, protocol version: 2025-11-25");
    expect(stdout.match(/user: Example prompt text with argument: from the demo/g)).toHaveLength(2);
    expect(stdout.match(/closed; the server process has exited/g)).toHaveLength(2);
  });
});
