import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { markPriceEvent, nearestTicks } from './markPriceEvents';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const RECORDED = resolve(REPO_ROOT, '../shared/data/binance/futures/market_data_json/mark_price_stream.json');
/** BTCUSDT on USD-M: 2 decimals, tick 0.10. */
const BTC = { priceDecimals: 2, qtyDecimals: 3, tickSize: 10, lotSize: 1 };

describe('Binance USD-M markPriceUpdate', () => {
  it('reads the recorded event: mark and index to the nearest tick, funding rate as the venue wrote it', () => {
    const msg: unknown = JSON.parse(readFileSync(RECORDED, 'utf8'));
    const r = markPriceEvent(msg, 'binance-usdm', 'BTC-USDT-PERP', BTC);
    expect(r).toEqual({
      ok: true,
      value: {
        type: 'markPrice',
        venue: 'binance-usdm',
        symbol: 'BTC-USDT-PERP',
        ts: 1562305380000,
        markPrice: 117_942, // 11794.15 is 117941.5 ticks of 0.10: half rounds up
        indexPrice: 117_846, // 11784.62659091
        fundingRate: '0.00038167',
        nextFundingTime: 1562306400000,
      },
    });
  });

  it('rounds exactly, however many digits', () => {
    expect(nearestTicks(BTC, '20000.04999999999999999999')).toEqual({ ok: true, value: 200_000 });
    expect(nearestTicks(BTC, '20000.05')).toEqual({ ok: true, value: 200_001 });
    expect(nearestTicks(BTC, '20000')).toEqual({ ok: true, value: 200_000 });
    expect(nearestTicks(BTC, '0.04')).toMatchObject({ ok: false });
    expect(nearestTicks(BTC, '-1.00')).toMatchObject({ ok: false });
    expect(nearestTicks(BTC, '1e5')).toMatchObject({ ok: false });
  });

  it('refuses what is not a mark price event, and leaves out funding a contract does not have', () => {
    expect(markPriceEvent({ e: 'trade' }, 'v', 'S', BTC)).toMatchObject({ ok: false, error: { message: 'expected a markPriceUpdate event, got "trade"' } });
    expect(markPriceEvent({ e: 'markPriceUpdate', E: 1, p: 'x' }, 'v', 'S', BTC)).toMatchObject({ ok: false });
    expect(markPriceEvent({ e: 'markPriceUpdate', E: 1, p: '1.00', r: '1%' }, 'v', 'S', BTC)).toMatchObject({ ok: false });
    expect(markPriceEvent({ e: 'markPriceUpdate', E: 1, p: '1.00', i: '1.00', r: '', T: 0 }, 'v', 'S', BTC)).toEqual({
      ok: true,
      value: { type: 'markPrice', venue: 'v', symbol: 'S', ts: 1, markPrice: 10, indexPrice: 10 },
    });
    expect(markPriceEvent({ e: 'markPriceUpdate', E: 1, p: '1.00', r: '-0.00010000' }, 'v', 'S', BTC)).toMatchObject({ ok: true, value: { fundingRate: '-0.00010000' } });
  });
});
