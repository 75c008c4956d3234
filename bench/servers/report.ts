/**
 * How a server child tells the bench something that is not MCP (the time it took to register its
 * tools): one stderr line with a marker, so stdout stays pure JSON-RPC and no IPC is needed.
 */
export const MARKER = "@@bench ";

export function reportToBench(data: Record<string, number>): void {
  process.stderr.write(`${MARKER}${JSON.stringify(data)}\n`);
}

/** Reads the first marker line out of collected stderr text. */
export function readReport(stderr: string): Record<string, number> | undefined {
  const line = stderr.split("\n").find((candidate) => candidate.startsWith(MARKER));
  return line === undefined ? undefined : (JSON.parse(line.slice(MARKER.length)) as Record<string, number>);
}
