/** The median of some samples (NaN for none): the bench's summary of every repeated measurement. */
export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** The q-quantile (0..1) by linear interpolation between the closest ranks; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (rank - low);
}

/**
 * One implementation's samples divided by another's, sample by sample. The i-th samples of two
 * implementations were taken side by side (the same cell of the same round, or adjacent turns of
 * cold starts), so each quotient saw the same state of the machine. Undefined unless both have
 * the same number of samples: a failed cell would pair samples taken apart.
 */
export function pairedRatios(mine: readonly number[], theirs: readonly number[]): number[] | undefined {
  if (mine.length === 0 || mine.length !== theirs.length) return undefined;
  return mine.map((value, index) => value / (theirs[index] ?? Number.NaN));
}

/** Rotates a list by `by` places, so each round starts with a different implementation. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
