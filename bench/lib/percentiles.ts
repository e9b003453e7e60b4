/** Nearest-rank percentiles (`p` in 0..100) of every sample; sorts a copy. */
export function percentiles(samples: readonly Float64Array[], ps: readonly number[]): number[] {
  const total = samples.reduce((sum, part) => sum + part.length, 0);
  const all = new Float64Array(total);
  let offset = 0;
  for (const part of samples) {
    all.set(part, offset);
    offset += part.length;
  }
  all.sort();
  return ps.map((p) =>
    total === 0 ? Number.NaN : all[Math.min(total - 1, Math.max(0, Math.ceil((p / 100) * total) - 1))]!,
  );
}
