import { z } from "zod";

/**
 * The zod schemas of the bench tools, the same for all three SDKs so none gets an easier schema.
 * (The raw server never loads zod: it writes JSON Schema by hand.)
 */
export const echoInput = z.object({ text: z.string() });
export const blobInput = z.object({ bytes: z.number().int().min(0) });

/** Fresh schemas for the many-tools workload, made before the registration clock starts. */
export function manyInputs(count: number): z.ZodObject<{ text: z.ZodString }>[] {
  return Array.from({ length: count }, () => z.object({ text: z.string() }));
}
