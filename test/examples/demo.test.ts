import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tsxCommand } from "../helpers/spawn.js";

/* `npm run demo` is the first thing a new user runs: it must work and show both eras. */

describe("examples/demo.ts", () => {
  it("drives the quickstart server in both eras and exits cleanly", async () => {
    const { command, args, cwd } = tsxCommand("examples/demo.ts");
    const { stdout } = await promisify(execFile)(command, args, { cwd, timeout: 20_000 });
    expect(stdout).toContain("era: modern, protocol version: 2026-07-28");
    expect(stdout).toContain("era: legacy, protocol version: 2025-11-25");
    const twice = (line: string) => expect(stdout.split(line).length - 1, line).toBe(2);
    twice("connected to Demo 1.0.0");
    twice("tool: add - Add two numbers");
    twice("resource template: greeting://{name}");
    twice("prompt: greet_user(name, style?) - Generate a greeting prompt");
    twice('add(2, 3) -> 5 (structuredContent {"result":5})');
    twice("greeting://World -> Hello, World!");
    twice(
      "greet_user(Ada, formal) -> user: Please write a formal, professional greeting for someone named Ada.",
    );
    twice('add("two", 3) -> isError: true, Invalid arguments for tool "add"');
    twice("closed; the server process has exited");
  });
});
