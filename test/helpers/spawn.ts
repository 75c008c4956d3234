import { fileURLToPath } from "node:url";

/** The repository root, so child processes resolve tsconfig paths and node_modules as the tests do. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Command and args that run a TypeScript file with tsx in a child Node process (no npx start-up cost). */
export function tsxCommand(
  file: string,
  ...args: string[]
): { command: string; args: string[]; cwd: string } {
  return { command: process.execPath, args: ["--import", "tsx", file, ...args], cwd: ROOT };
}
