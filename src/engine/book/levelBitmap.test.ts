import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearBit, prevSet, rebuildSummary, setBit, summaryFor, wordsFor } from './levelBitmap';

const WIDTH = 4096; // 128 words, 4 summary words: searches cross word and summary-word boundaries

function bitmap(width = WIDTH) {
  return { words: new Int32Array(wordsFor(width)), summary: new Int32Array(summaryFor(width)) };
}

/** The obvious answer: walk down one slot at a time. */
function naivePrev(set: Set<number>, i: number): number {
  for (let j = i; j >= 0; j--) if (set.has(j)) return j;
  return -1;
}

describe('level bitmap', () => {
  it('finds the highest set slot at or below any index, as a slot-by-slot walk would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ slot: fc.oneof(fc.integer({ min: 0, max: WIDTH - 1 }), fc.integer({ min: 0, max: 255 })), on: fc.boolean() }), { maxLength: 200 }),
        fc.array(fc.oneof(fc.integer({ min: -3, max: WIDTH - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 30 }),
        (changes, queries) => {
          const { words, summary } = bitmap();
          const set = new Set<number>();
          for (const { slot, on } of changes) {
            if (on) {
              setBit(words, summary, slot);
              set.add(slot);
            } else {
              clearBit(words, summary, slot);
              set.delete(slot);
            }
          }
          // Also at every slot touched and at the top of its word (bit 31 is the sign bit of an Int32).
          const touched = changes.flatMap(({ slot }) => [slot, slot | 31]);
          for (const i of [...queries, ...touched]) expect(prevSet(words, summary, i)).toBe(naivePrev(set, i));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('jumps over thousands of empty slots: from the top slot to slot 0, and to nothing once cleared', () => {
    const { words, summary } = bitmap();
    setBit(words, summary, 0);
    setBit(words, summary, WIDTH - 1);
    expect(prevSet(words, summary, WIDTH - 2)).toBe(0);
    clearBit(words, summary, 0);
    expect(prevSet(words, summary, WIDTH - 2)).toBe(-1);
    expect(prevSet(words, summary, WIDTH - 1)).toBe(WIDTH - 1);
  });

  it('keeps a word marked in the summary until its last bit is cleared, and rebuilds the summary from the words', () => {
    const { words, summary } = bitmap();
    setBit(words, summary, 64);
    setBit(words, summary, 65);
    clearBit(words, summary, 64);
    expect(prevSet(words, summary, 100)).toBe(65);
    words[10] = 1 << 3; // written behind the summary's back, as a window slide does
    rebuildSummary(words, summary);
    expect(prevSet(words, summary, WIDTH - 1)).toBe(10 * 32 + 3);
  });
});
