/**
 * Which slots of a price ladder hold a level, as a two-level bitmap:
 *   words    one bit per ladder slot (bit b of word w = slot 32w + b)
 *   summary  one bit per word of `words` that is not zero
 * so that "the next level below slot i" is at most one word test, one summary test and a scan of
 * summary words (a window of 8,192 slots has 8 of them) — never a walk over empty price slots.
 * That search runs after every delete at the touch, so it is on the hot path.
 *
 * Plain functions over Int32Arrays rather than a class: the ladder keeps both arrays in its own
 * fields and V8 inlines these calls, with no extra object to load on every delta.
 */

/** Int32 words of `words` for a ladder of `width` slots (width a power of two >= 32). */
export const wordsFor = (width: number): number => width >>> 5;

/** Int32 words of `summary` for a ladder of `width` slots. */
export const summaryFor = (width: number): number => Math.max(1, width >>> 10);

export function setBit(words: Int32Array, summary: Int32Array, i: number): void {
  const w = i >>> 5;
  words[w]! |= 1 << (i & 31);
  summary[w >>> 5]! |= 1 << (w & 31);
}

export function clearBit(words: Int32Array, summary: Int32Array, i: number): void {
  const w = i >>> 5;
  const left = words[w]! & ~(1 << (i & 31));
  words[w] = left;
  if (left === 0) summary[w >>> 5]! &= ~(1 << (w & 31));
}

/** Highest set slot <= i, or -1 when there is none (also for i < 0). */
export function prevSet(words: Int32Array, summary: Int32Array, i: number): number {
  if (i < 0) return -1;
  let w = i >>> 5;
  // Bits 0..(i & 31) of the slot's own word.
  const bits = words[w]! & (-1 >>> (31 - (i & 31)));
  if (bits !== 0) return (w << 5) + 31 - Math.clz32(bits);
  // Words strictly below w: first in w's own summary word, then whole summary words downwards.
  let s = w >>> 5;
  let nonEmpty = summary[s]! & ~(-1 << (w & 31));
  while (nonEmpty === 0) {
    if (--s < 0) return -1;
    nonEmpty = summary[s]!;
  }
  w = (s << 5) + 31 - Math.clz32(nonEmpty);
  return (w << 5) + 31 - Math.clz32(words[w]!);
}

/** Recomputes the summary from the words (after the words were shifted or bulk-copied). */
export function rebuildSummary(words: Int32Array, summary: Int32Array): void {
  summary.fill(0);
  for (let w = 0; w < words.length; w++) if (words[w] !== 0) summary[w >>> 5]! |= 1 << (w & 31);
}
