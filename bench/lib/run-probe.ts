import { collectStderr, spawnNode, stopChild } from "./children.js";

/** Runs a probe child with one JSON argument and resolves with the JSON line it prints. */
export async function runProbe(
  entry: string,
  input: object,
  timeoutMs = 120_000,
): Promise<Record<string, number>> {
  const child = spawnNode(entry, { args: [JSON.stringify(input)] });
  const stderr = collectStderr(child);
  let stdout = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  const timer = setTimeout(() => void stopChild(child, 500), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  const line = stdout.trim().split("\n").pop();
  if (code !== 0 || !line) throw new Error(`probe failed (exit ${code}): ${stderr.text().slice(-2000)}`);
  return JSON.parse(line) as Record<string, number>;
}
