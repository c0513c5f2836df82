/** Small helpers shared by the benchmarks. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function sortedCopy(samples: Float64Array): Float64Array {
  return Float64Array.from(samples).sort();
}

export const nowNs = (): bigint => process.hrtime.bigint();

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function ratioLine(label: string, ours: number, peer: number, lowerIsBetter: boolean): string {
  const ratio = lowerIsBetter ? peer / ours : ours / peer;
  return `${label}: ${fmt(ratio, 1)}x`;
}
