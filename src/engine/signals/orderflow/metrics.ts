/**
 * Out-of-sample scores of a direction forecast. Plain functions over arrays so a test can check them
 * against hand-computed cases.
 */

/** Ranks 1..n, ties sharing their average rank (the convention Spearman's rho needs). */
export function averageRanks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => v[a]! - v[b]! || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && v[order[j + 1]!] === v[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Pearson correlation; NaN when either side has no variance or fewer than 2 points. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length) throw new RangeError('pearson: lengths differ');
  if (n < 2) return NaN;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Information coefficient: Spearman rank correlation of score vs realised move (ties averaged). */
export function spearman(score: ArrayLike<number>, realised: ArrayLike<number>): number {
  return pearson(averageRanks(score), averageRanks(realised));
}

export interface HitRate {
  /** Non-flat moves scored. */
  n: number;
  hits: number;
  /** hits / n (NaN when n = 0). */
  rate: number;
  /** Binomial standard error sqrt(rate(1-rate)/n). */
  se: number;
}

/**
 * Direction accuracy on non-flat moves: a hit when the predicted probability of "up" is above 1/2 and
 * the move is up, or below 1/2 and it is down. A probability of exactly 1/2 is a miss (no call made).
 */
export function hitRate(pUp: ArrayLike<number>, move: ArrayLike<number>): HitRate {
  let n = 0;
  let hits = 0;
  for (let i = 0; i < move.length; i++) {
    const m = move[i]!;
    if (m === 0 || Number.isNaN(m)) continue;
    n++;
    const p = pUp[i]!;
    if ((m > 0 && p > 0.5) || (m < 0 && p < 0.5)) hits++;
  }
  const rate = n > 0 ? hits / n : NaN;
  return { n, hits, rate, se: n > 0 ? Math.sqrt((rate * (1 - rate)) / n) : NaN };
}
