import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import { StatusThrottle } from './statusThrottle';

describe('source status pushes', () => {
  it('sends the first change at once and a flapping source at most once per gap, its latest state last', () => {
    const clock = new SimulatedClock(1_000_000);
    const sent: number[] = [];
    const throttle = new StatusThrottle(clock, 250, () => sent.push(clock.now()));
    throttle.changed();
    expect(sent).toEqual([1_000_000]);
    // A source flapping every 10 ms for a second: one push per 250 ms (five more), not a hundred.
    for (let i = 0; i < 100; i++) {
      clock.advance(10);
      throttle.changed();
    }
    clock.advance(250);
    expect(sent.length).toBe(6);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(250);
    // The last change was sent (after the flapping stopped), and nothing is left pending.
    expect(sent.at(-1)).toBeGreaterThanOrEqual(1_000_000 + 1_000);
    clock.advance(1_000);
    expect(sent.length).toBe(6);
  });
});
