import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRing, ringPush, ringValues } from './ring';

describe('ring buffer', () => {
  it('keeps the last `capacity` samples, oldest first, however many were pushed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 60 }), (cap, xs) => {
        let ring = createRing(cap);
        for (const x of xs) ring = ringPush(ring, x);
        expect(ringValues(ring)).toEqual(xs.slice(-cap));
      }),
    );
  });

  it('leaves the ring it was given untouched, so a store holding it sees a new value', () => {
    const a = ringPush(createRing(3), 1);
    const b = ringPush(a, 2);
    expect(ringValues(a)).toEqual([1]);
    expect(ringValues(b)).toEqual([1, 2]);
    expect(b).not.toBe(a);
  });

  it('stores a missing or non-finite sample as a gap (NaN)', () => {
    let r = createRing(4);
    r = ringPush(r, 1);
    r = ringPush(r, undefined);
    r = ringPush(r, Number.POSITIVE_INFINITY);
    expect(ringValues(r)).toEqual([1, Number.NaN, Number.NaN]);
  });

  it('refuses a capacity that is not a positive integer (a bug, not data)', () => {
    expect(() => createRing(0)).toThrow(RangeError);
    expect(() => createRing(2.5)).toThrow(RangeError);
  });
});
