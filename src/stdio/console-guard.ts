import { Console } from "node:console";

/*
 * While a stdio server owns process.stdout, a stray console.log would corrupt the protocol stream.
 * The console methods that print to stdout are pointed at stderr instead. Counted, so two transports
 * in one process install once and restore once, in any order.
 */

const REDIRECTED = ["log", "info", "debug", "dir", "dirxml", "table"] as const;
type Redirected = (typeof REDIRECTED)[number];
type Methods = Pick<Console, Redirected>;

let guards = 0;
let installed: { readonly original: Methods; readonly replacement: Methods } | undefined;

function methodsOf(target: Methods): Methods {
  const { log, info, debug, dir, dirxml, table } = target;
  return { log, info, debug, dir, dirxml, table };
}

function install(): void {
  const stderr = new Console({ stdout: process.stderr, stderr: process.stderr });
  const original = methodsOf(console);
  const replacement = methodsOf(stderr);
  for (const name of REDIRECTED) replacement[name] = replacement[name].bind(stderr);
  Object.assign(console, replacement);
  installed = { original, replacement };
}

/** Puts back only the methods still ours: whoever replaced one after us keeps theirs. */
function uninstall(): void {
  if (!installed) return;
  const { original, replacement } = installed;
  for (const name of REDIRECTED) {
    if (console[name] === replacement[name]) Object.assign(console, { [name]: original[name] });
  }
  installed = undefined;
}

/**
 * Redirects the console's stdout methods to stderr until the returned function is called.
 * Internal to the stdio server transport.
 *
 * @example
 * const restore = guardConsole();
 * console.log("goes to stderr");
 * restore();
 */
export function guardConsole(): () => void {
  if (guards++ === 0) install();
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--guards === 0) uninstall();
  };
}
