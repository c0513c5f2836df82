import { describe, expect, it } from 'vitest';
import { callInputs } from './schemas';

/** The strategy builder's calls take legs or one preset, and refuse anything else before the engine sees it. */
describe('options.strategy / options.sendStrategy bridge inputs', () => {
  const quote = callInputs['options.strategy'];
  const send = callInputs['options.sendStrategy'];

  it('takes named legs, or a preset with its direction, lots and optional expiry', () => {
    const legs = { venue: 'SIM', underlying: 'BTC-USDT', legs: [{ symbol: 'BTC-261211-95000-C', side: 'buy', lots: 2 }] };
    expect(quote.parse(legs)).toEqual(legs);
    for (const preset of [
      { name: 'straddle' },
      { name: 'strangle', width: 2 },
      { name: 'vertical', right: 'put', width: 1 },
      { name: 'butterfly', right: 'call', width: 1 },
      { name: 'ironCondor', inner: 1, wing: 2 },
      { name: 'calendar', right: 'call', farExpiry: 1_798_538_400_000, strike: 95000 },
    ]) {
      const input = { venue: 'SIM', underlying: 'BTC-USDT', preset: { ...preset, direction: 'short', lots: 1, expiry: 1_797_000_000_000 } };
      expect(quote.parse(input), preset.name).toEqual(input);
    }
    const confirmed = { venue: 'SIM', legs: [{ symbol: 'BTC-261211-95000-C', side: 'buy', lots: 1, price: '1234.5' }] };
    expect(send.parse(confirmed)).toEqual(confirmed);
  });

  it('refuses both legs and a preset, neither, an unknown preset, missing preset fields, fractional lots, and unknown fields', () => {
    const leg = { symbol: 'BTC-261211-95000-C', side: 'buy', lots: 1 };
    const base = { venue: 'SIM', underlying: 'BTC-USDT' };
    for (const bad of [
      base,
      { ...base, legs: [leg], preset: { name: 'straddle', direction: 'long', lots: 1 } },
      { ...base, legs: [] },
      { ...base, legs: [{ ...leg, lots: 1.5 }] },
      { ...base, legs: [{ ...leg, lots: 0 }] },
      { ...base, legs: [{ ...leg, side: 'hold' }] },
      { ...base, preset: { name: 'jade lizard', direction: 'long', lots: 1 } },
      { ...base, preset: { name: 'vertical', width: 1, direction: 'long', lots: 1 } },
      { ...base, preset: { name: 'strangle', width: 0, direction: 'long', lots: 1 } },
      { ...base, preset: { name: 'straddle', direction: 'sideways', lots: 1 } },
      { ...base, preset: { name: 'straddle', direction: 'long' } },
      { ...base, legs: [leg], extra: true },
      { ...base, legs: Array.from({ length: 9 }, () => leg) },
    ]) {
      expect(quote.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    for (const bad of [
      { venue: 'SIM', legs: [] },
      { venue: 'SIM', legs: [leg] },
      { venue: 'SIM', legs: [{ ...leg, price: '-5' }] },
      { venue: 'SIM', legs: [{ ...leg, price: 'market' }] },
      { venue: 'SIM', legs: [{ ...leg, price: '100', tif: 'GTC' }] },
    ]) {
      expect(send.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
