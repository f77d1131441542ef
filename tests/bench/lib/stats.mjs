// Order statistics for small samples. Percentiles interpolate linearly between the two nearest
// ranks (the "type 7" definition of R and NumPy), so p90 of 12 samples is well defined.

/** The `p`-th percentile (0–100) of `values`, or null when there are none. */
export function percentile(values, p) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values) => percentile(values, 50);

/** `a / b`, or null when either is missing or b is 0. */
export const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);

/** Rounds for JSON output: numbers keep `digits` decimals, everything else passes through. */
export const round = (x, digits = 3) => (typeof x === "number" ? Number(x.toFixed(digits)) : x);
