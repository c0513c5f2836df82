import type { SentimentLabel } from './protocol';

/**
 * One text's logits → {compound, pos, neu, neg} written at `out[at..at+3]`. Softmax in float64 with
 * the maximum subtracted first (so that large logits cannot overflow); compound = p(pos) − p(neg),
 * which lies in [-1, 1] like VADER's. A model without a neutral class has neu = 0.
 */
export function sentimentFromLogits(
  logits: ArrayLike<number>,
  offset: number,
  labels: readonly SentimentLabel[],
  out: Float64Array,
  at: number,
): void {
  const n = labels.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, logits[offset + i] ?? -Infinity);
  let sum = 0;
  let pos = 0;
  let neg = 0;
  let neu = 0;
  for (let i = 0; i < n; i++) sum += Math.exp((logits[offset + i] ?? -Infinity) - max);
  for (let i = 0; i < n; i++) {
    const p = Math.exp((logits[offset + i] ?? -Infinity) - max) / sum;
    const label = labels[i];
    if (label === 'positive') pos = p;
    else if (label === 'negative') neg = p;
    else neu = p;
  }
  out[at] = pos - neg;
  out[at + 1] = pos;
  out[at + 2] = neu;
  out[at + 3] = neg;
}
