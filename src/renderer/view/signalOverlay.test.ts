import { describe, expect, it } from 'vitest';
import { signalOverlay } from './signalOverlay';

const min = 60_000;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % min); // a minute boundary

describe('signal overlay on the candles’ bars', () => {
  it('keeps one composite per bar (its newest), at the bar’s start in seconds, in time order, clamped to [-1, 1]', () => {
    const o = signalOverlay(
      {
        points: [
          { ts: T0 + 61_000, composite: 0.3 },
          { ts: T0 + 1_000, composite: 0.1 },
          { ts: T0 + 59_000, composite: 0.2 },
          { ts: T0 + 120_500, composite: 1.7 },
          { ts: T0 + 130_000, composite: Number.NaN },
        ],
        headlines: [],
      },
      60,
    );
    expect(o.line).toEqual([
      { time: T0 / 1000, value: 0.2 },
      { time: T0 / 1000 + 60, value: 0.3 },
      { time: T0 / 1000 + 120, value: 1 },
    ]);
  });

  it('marks leaning headlines only (▲ above +0.05, ▼ below -0.05), one marker per direction per bar with a count, and keeps their titles for the hover', () => {
    const o = signalOverlay(
      {
        points: [],
        headlines: [
          { ts: T0 + 5_000, compound: 0.6, title: 'ETF approved', source: 'SIM wire' },
          { ts: T0 + 9_000, compound: 0.2, title: 'Upgrade live', source: 'SIM wire' },
          { ts: T0 + 20_000, compound: -0.4, title: 'Exchange hack', source: 'SIM wire' },
          { ts: T0 + 70_000, compound: 0.01, title: 'Market opens', source: 'SIM wire' },
        ],
      },
      60,
    );
    expect(o.markers).toEqual([
      { time: T0 / 1000, up: true, count: 2 },
      { time: T0 / 1000, up: false, count: 1 },
    ]);
    expect(o.titles.get(T0 / 1000)).toEqual(['+0.60 SIM wire: ETF approved', '+0.20 SIM wire: Upgrade live', '-0.40 SIM wire: Exchange hack']);
    expect(o.titles.has(T0 / 1000 + 60)).toBe(false);
  });

  it('draws nothing before the first candle', () => {
    const o = signalOverlay({ points: [{ ts: T0, composite: 0.5 }, { ts: T0 + 60_000, composite: 0.4 }], headlines: [{ ts: T0, compound: 0.9, title: 'x', source: 's' }] }, 60, T0 / 1000 + 60);
    expect(o.line).toEqual([{ time: T0 / 1000 + 60, value: 0.4 }]);
    expect(o.markers).toEqual([]);
  });
});
