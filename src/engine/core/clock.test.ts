import { describe, expect, it } from 'vitest';
import { SimulatedClock } from './clock';

describe('SimulatedClock', () => {
  it('fires timers in due order as time is advanced, and only then', () => {
    const clock = new SimulatedClock(1_000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => seen.push(`a@${clock.now()}`), 10);
    const every = clock.setInterval(() => seen.push(`i@${clock.now()}`), 15);
    expect(seen).toEqual([]);
    clock.advance(30);
    expect(seen).toEqual(['a@1010', 'i@1015', 'b@1020', 'i@1030']);
    clock.clearTimer(every);
    clock.advance(100);
    expect(seen).toHaveLength(4);
    expect(clock.now()).toBe(1_130);
  });

  it('never goes backwards', () => {
    const clock = new SimulatedClock(50);
    expect(() => clock.set(10)).toThrow(RangeError);
  });
});
