import { describe, expect, it } from 'vitest';
import type { QuoteView } from '../../contract/api';
import { engineRigs } from './engineRig.fixture';

/**
 * market.quotes through the real Dispatcher, handlers and engine on the SIM venue: several instruments'
 * last, bid/ask, day open and volume read from the books and candles; bad asks refused by name.
 */
const rigs = engineRigs('quotes');

const start = () => rigs.start(rigs.dataDir());

const two = [{ venue: 'SIM', symbol: 'BTC-USDT' }, { venue: 'SIM', symbol: 'ETH-USDT' }];

describe('market.quotes over the bridge', () => {
  it("answers every asked instrument's line, in order, once the SIM market has traded", async () => {
    const rig = await start();
    let quotes: QuoteView[] = [];
    const ready = async () => {
      const r = await rig.call('market.quotes', { instruments: two });
      if (!r.ok) throw new Error(r.error.message);
      quotes = r.value as QuoteView[];
      return quotes.every((q) => q.last !== undefined && q.bid !== undefined && q.ask !== undefined && q.volume > 0);
    };
    // The SIM venue trades on the engine's clock; the book worker answers on its own thread.
    for (let s = 0; s < 600 && !(await ready()); s++) {
      rig.clock.advance(1_000);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(quotes.map((q) => q.symbol)).toEqual(['BTC-USDT', 'ETH-USDT']);
    for (const q of quotes) {
      expect(q.bid!).toBeLessThan(q.ask!);
      expect(q.open).toBeGreaterThan(0);
      expect(q.closes.length).toBeGreaterThan(0);
      expect(Number.isInteger(q.last) && Number.isInteger(q.volume)).toBe(true);
    }
  });

  it('refuses an unknown instrument and a malformed or oversized ask, by name', async () => {
    const rig = await start();
    const unknown = await rig.call('market.quotes', { instruments: [{ venue: 'SIM', symbol: 'NOPE-USDT' }] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_INSTRUMENT' } });
    expect(unknown.ok || unknown.error.message).toContain('SIM:NOPE-USDT');
    expect(await rig.call('market.quotes', { instruments: [{ venue: 'SIM' }] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const many = Array.from({ length: 101 }, () => two[0]);
    expect(await rig.call('market.quotes', { instruments: many })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
