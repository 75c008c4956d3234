/** MCP log levels, from the syslog severities (RFC 5424), least severe first. */
export const LOG_LEVELS = [
  "debug",
  "info",
  "notice",
  "warning",
  "error",
  "critical",
  "alert",
  "emergency",
] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

const RANK: Readonly<Record<string, number>> = Object.fromEntries(
  LOG_LEVELS.map((level, index) => [level, index]),
);

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && RANK[value] !== undefined;
}

/** True when a message at `level` passes a client's threshold; no threshold means "send nothing". */
export function passesLevel(level: LogLevel, threshold: string | undefined): boolean {
  if (threshold === undefined) return false;
  return (RANK[level] ?? 0) >= (RANK[threshold] ?? Infinity);
}
