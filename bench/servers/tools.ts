/**
 * What every server serves: `echo` (the tools/call workloads), `blob` (results of a chosen size)
 * and, when asked, `tool_0` ... `tool_N` (tools/list and registration). Free of zod, which only
 * the SDK servers load (schemas.ts).
 */
export const manyName = (index: number): string => `tool_${index}`;
export const manyDescription = (index: number): string => `Bench tool number ${index}: echoes its text`;

/**
 * The names and descriptions of `count` extra tools, made before the registration clock starts (as
 * the schemas are), so that the clock times the SDK's register calls, not the bench making strings.
 */
export function manyTexts(count: number): { readonly names: string[]; readonly descriptions: string[] } {
  const names = Array.from({ length: count }, (_, index) => manyName(index));
  return { names, descriptions: names.map((_, index) => manyDescription(index)) };
}

/** How many extra tools this server registers (the parent sets BENCH_TOOLS). */
export function extraToolCount(): number {
  return Number(process.env.BENCH_TOOLS ?? "0");
}

const blobs = new Map<number, string>();

/** A text of `bytes` characters, built once per size: the handler's own cost stays near zero. */
export function blobText(bytes: number): string {
  let text = blobs.get(bytes);
  if (text === undefined) blobs.set(bytes, (text = "x".repeat(bytes)));
  return text;
}
