import { describe, expect, it } from 'vitest';
import { greeks, impliedVol } from '../engine/options';
import { runSq, type SqRun } from './testSupport';


/** Runs the real command line, as `npm run -s sq -- options price` does, with `input` on stdin. */
const sq = (input: string, ...args: string[]) => runSq(args, input);

const lines = (run: SqRun) => run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('sq options price', () => {
  it('prices each line (sigma given, or solved from a price), names each bad line and goes on', async () => {
    const input = [
      '{"model":"bsm","type":"call","S":100,"K":105,"T":0.5,"r":0.03,"q":0.01,"sigma":0.25}',
      'not json',
      '{"model":"black76","type":"put","F":100,"K":95,"T":0.25,"r":0.05,"price":2.5}',
      '{"model":"bsm","type":"call","S":100,"K":50,"T":0.5,"r":0.03,"price":1}',
      '',
      '{"model":"bsm","type":"call","S":-1,"K":50,"T":0.5,"r":0.03,"sigma":0.2}',
      '{"model":"bsm","type":"call","S":100,"K":50,"T":0.5,"r":0.03}',
      '{"model":"black76","type":"call","S":100,"K":50,"T":0.5,"r":0.03,"sigma":0.2}',
      '{"model":"bsm","type":"call","S":100,"K":50,"T":0.5,"r":0.03,"sigma":0.2,"vol":1}',
      '{"model":"bsm","type":"call","S":100,"K":120,"T":1,"r":0.03,"price":200}',
      '{"model":"bsm","type":"put","S":100,"K":100,"T":1,"r":0,"sigma":0.2}',
    ].join('\n');
    const run = await sq(input + '\n', 'options', 'price');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const out = lines(run);
    expect(out).toHaveLength(10);

    const first = greeks({ model: 'bsm', right: 'call', spot: 100, strike: 105, years: 0.5, rate: 0.03, dividend: 0.01, sigma: 0.25 });
    expect(out[0]).toEqual({ price: first.price, delta: first.delta, gamma: first.gamma, vega: first.vega, theta: first.theta, rho: first.rho, iv: 0.25 });

    expect(out[1]).toEqual({ error: 'line 2: not JSON' });
    const solved = impliedVol(2.5, { model: 'black76', right: 'put', spot: 100, strike: 95, years: 0.25, rate: 0.05, dividend: 0 });
    expect(solved.ok).toBe(true);
    expect(out[2]!.iv).toBe(solved.ok ? solved.iv : NaN);
    expect(Math.abs((out[2]!.price as number) - 2.5)).toBeLessThan(1e-12);
    expect(out[2]!.rho).toBeCloseTo((-0.25 * 2.5) / 100, 12); // Black-76: the discount factor only
    expect(out[3]).toEqual({ error: 'line 4: price 1: below intrinsic value' });
    // The blank line 5 is skipped, and counted.
    expect(out[4]).toEqual({ error: 'line 6: S must be positive' });
    expect(out[5]).toEqual({ error: 'line 7: give exactly one of "sigma" and "price"' });
    expect(out[6]).toEqual({ error: 'line 8: black76 takes the future "F" (not "S")' });
    expect(out[7]).toEqual({ error: 'line 9: unknown field "vol"' });
    expect(out[8]).toEqual({ error: 'line 10: price 200: above the underlying' });
    // ATM put, r = q = 0, T = 1, sigma = 0.2: price 100·(2Φ(0.1) − 1), delta Φ(0.1) − 1 (Φ(0.1) = 0.539827837277029).
    expect(out[9]!.price).toBeCloseTo(100 * (2 * 0.539827837277029 - 1), 12);
    expect(out[9]!.delta).toBeCloseTo(0.539827837277029 - 1, 14);
  });

  it('exits 0 when every line priced, and 2 on a bad command line', async () => {
    const ok = await sq('{"model":"bsm","type":"call","S":100,"K":100,"T":1,"r":0.05,"sigma":0.2}\n', 'options', 'price');
    expect(ok.code).toBe(0);
    expect(lines(ok)[0]!.iv).toBe(0.2);
    const bad = await sq('', 'options', 'quote');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('sq options: unknown arguments');
  });
});
