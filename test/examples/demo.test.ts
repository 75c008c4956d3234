import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tsxCommand } from "../helpers/spawn.js";

/* `npm run demo` is the first thing a new user runs: it must work and show both eras. */

describe("examples/demo.ts", () => {
  it("drives the quickstart server in both eras over stdio and HTTP, and exits cleanly", async () => {
    const { command, args, cwd } = tsxCommand("examples/demo.ts");
    const { stdout } = await promisify(execFile)(command, args, { cwd, timeout: 20_000 });
    const times = (line: string, count: number) => expect(stdout.split(line).length - 1, line).toBe(count);
    times("era: modern, protocol version: 2026-07-28", 2);
    times("era: legacy, protocol version: 2025-11-25", 2);
    times("connected to Demo 1.0.0 over HTTP with no session (stateless)", 1);
    times("connected to Demo 1.0.0 over HTTP with a session", 1);
    times("closed the HTTP client", 2);
    // Every step of the conversation: twice over stdio, twice over HTTP.
    const twice = (line: string) => times(line, line.startsWith("closed") ? 2 : 4);
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
