import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** server-everything's launcher: `node dist/index.js stdio | streamableHttp` (PORT from the env). */
export const EVERYTHING_ENTRY = createRequire(import.meta.url).resolve(
  "@modelcontextprotocol/server-everything/dist/index.js",
);

const LOOPBACK = fileURLToPath(new URL("./loopback.mjs", import.meta.url));
const MAX_LOG = 64 * 1024;

/** A server-everything process serving Streamable HTTP on 127.0.0.1. */
export interface EverythingHttpServer {
  readonly url: URL;
  /** SIGTERM, then SIGKILL if it has not exited within 2 s. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startEverythingHttp}. */
export interface StartOptions {
  /** Added to the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long it may take to listen. Default 10 s. */
  readonly timeoutMs?: number;
}

/** Starts `dist/index.js streamableHttp` with PORT=0 and waits (bounded) until it listens. */
export async function startEverythingHttp(options: StartOptions = {}): Promise<EverythingHttpServer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const child = spawn(process.execPath, ["--import", LOOPBACK, EVERYTHING_ENTRY, "streamableHttp"], {
    env: { ...process.env, ...options.env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = ""; // stdout and stderr, capped: for the error if it never listens
  const append = (chunk: Buffer) => {
    if (log.length < MAX_LOG) log += chunk.toString("utf8");
  };
  child.stdout.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 2_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server-everything did not listen within ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.once("error", reject);
      child.once("exit", (code, signal) => reject(new Error(`server-everything exited (${code ?? signal})`)));
      child.stderr.on("data", (chunk: Buffer) => {
        append(chunk);
        const match = /LISTENING (\d+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    return { url: new URL(`http://127.0.0.1:${port}/mcp`), stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${log}`, { cause: error });
  }
}
