import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelderMead';

describe('nelderMead', () => {
  it("finds Rosenbrock's minimum at (1, 1) from the textbook start (-1.2, 1)", () => {
    const rosenbrock = ([x = 0, y = 0]: readonly number[]): number => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const r = nelderMead(rosenbrock, [-1.2, 1], { step: [0.5, 0.5], maxIterations: 2000, fTolerance: 1e-20 });
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.f).toBeLessThan(1e-10);
  });

  it('stops at its iteration cap and still returns the best point seen', () => {
    const bowl = ([x = 0, y = 0]: readonly number[]): number => (x - 3) ** 2 + (y + 2) ** 2;
    const r = nelderMead(bowl, [0, 0], { step: [1, 1], maxIterations: 5 });
    expect(r.iterations).toBe(5);
    expect(r.f).toBeLessThan(bowl([0, 0]));
  });
});
