import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenBucket, timeCell } from './tokenBucket';

describe('TokenBucket', () => {
  it('never lets more than burst + rate * elapsed orders through, and lets exactly that many through when pressed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 40 }),
        (perSecond, burst, steps) => {
          const time = timeCell(1_000_000);
          const bucket = new TokenBucket(perSecond, burst, time);
          let taken = 0;
          let elapsed = 0;
          while (bucket.available()) {
            bucket.take(); // the burst goes at once
            taken++;
          }
          expect(taken).toBe(burst);
          let overflowed = false; // a step long enough to fill the bucket past its size loses the excess
          for (const step of steps) {
            overflowed ||= step * perSecond > (burst - 1) * 1000;
            time[0] = time[0]! + step;
            elapsed += step;
            while (bucket.available()) {
              bucket.take();
              taken++;
            }
            const allowed = burst + Math.floor((elapsed * perSecond) / 1000);
            expect(taken).toBeLessThanOrEqual(allowed);
            // Drained at every step and never overflowing: exactly what the rate allows went, no rounding lost.
            if (!overflowed) expect(taken).toBe(allowed);
            expect(bucket.msUntilToken()).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('refills nothing when the clock steps back', () => {
    const time = timeCell(10_000);
    const bucket = new TokenBucket(1, 1, time);
    bucket.take();
    time[0] = 5_000;
    expect(bucket.available()).toBe(false);
    time[0] = 10_999;
    expect(bucket.msUntilToken()).toBe(1);
    time[0] = 11_000;
    expect(bucket.tokens()).toBe(1);
  });
});
