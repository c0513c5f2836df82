import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PayloadDecodeError, PayloadReader } from './payloadReader';
import { PayloadWriter } from './payloadWriter';

describe('payload writer and reader', () => {
  it('round-trip any safe integer, signed or not, and any string, in any order', () => {
    const field = fc.oneof(
      fc.record({ k: fc.constant('int' as const), v: fc.maxSafeInteger().chain((m) => fc.constantFrom(m, -m, m % 1000)) }),
      fc.record({ k: fc.constant('uint' as const), v: fc.maxSafeNat() }),
      fc.record({ k: fc.constant('u8' as const), v: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ k: fc.constant('str' as const), v: fc.string({ unit: 'binary', maxLength: 300 }) }),
    );
    const w = new PayloadWriter(4); // tiny on purpose: growth is exercised too
    const r = new PayloadReader();
    fc.assert(
      fc.property(fc.array(field, { maxLength: 20 }), (fields) => {
        w.reset();
        for (const f of fields) (w[f.k] as (v: unknown) => void).call(w, f.v);
        r.reset(Uint8Array.from(w.view())); // a plain Uint8Array, not a Buffer, works too
        for (const f of fields) expect((r[f.k] as () => unknown).call(r)).toEqual(f.v === -0 ? 0 : f.v);
        expect(r.done).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('spends one byte on small numbers and short strings', () => {
    const w = new PayloadWriter();
    expect(w.reset().uint(127).view().length).toBe(1);
    expect(w.reset().int(-63).view().length).toBe(1);
    expect(w.reset().int(1_700_000_000_000).view().length).toBe(6);
    expect(w.reset().str('BTC-USDT').view().length).toBe(9);
  });

  it('refuses a non-integer (a float in money is a bug, not something to store)', () => {
    const w = new PayloadWriter();
    expect(() => w.int(0.1)).toThrow(RangeError);
    expect(() => w.uint(-1)).toThrow(RangeError);
    expect(() => w.int(2 ** 53)).toThrow(RangeError);
  });

  it('reports a payload that ends early instead of reading past it', () => {
    const r = new PayloadReader();
    const bytes = new PayloadWriter().str('hello').view();
    expect(() => r.reset(bytes.subarray(0, 3)).str()).toThrow(PayloadDecodeError);
    expect(() => r.reset(Uint8Array.of(0x80, 0x80)).uint()).toThrow(PayloadDecodeError);
  });
});
