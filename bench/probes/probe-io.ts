/**
 * How the parent and a probe child talk: the parent passes one JSON argument, the probe prints
 * one JSON line on stdout when done. Probes run the measured code in their own process, so a
 * process.cpuUsage() or a JIT state is theirs alone.
 */
export function probeInput<T>(): T {
  const raw = process.argv[2];
  if (raw === undefined) throw new Error("A probe takes one JSON argument");
  return JSON.parse(raw) as T;
}

export function probeOutput(result: Record<string, number>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
