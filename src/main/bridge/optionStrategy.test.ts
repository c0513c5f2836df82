import { describe, expect, it } from 'vitest';
import type { OptionChainView, StrategyQuoteView } from '../../contract';
import { DEFAULT_EXTRA_INSTRUMENTS, DEFAULT_MARKETS, NIFTY_OPTION_INSTRUMENTS, NIFTY_OPTION_MARKETS } from '../../engine/venues/kite/testSupport';
import { kiteBridgeRig } from './kiteRig.fixture';

/**
 * The strategy builder's quote through the real bridge handlers (their zod schemas), engine and adapter, on
 * Kite's NIFTY December options (Black-76 on the same-expiry future, lots of the NFO lot size).
 */
describe('options.strategy over the bridge (Kite NFO options)', () => {
  it('prices a short strangle at the bids in lots of the lot size, with the credit, breakevens and bounds of its payoff', async () => {
    const rig = await kiteBridgeRig({ extraInstruments: [...DEFAULT_EXTRA_INSTRUMENTS, ...NIFTY_OPTION_INSTRUMENTS], markets: [...DEFAULT_MARKETS, ...NIFTY_OPTION_MARKETS] });
    await rig.login();
    let chain: OptionChainView | undefined;
    await rig.until(() => {
      void rig.call('options.chain', { venue: 'zerodha', underlying: 'NIFTY' }).then((r) => (chain = r.value as OptionChainView));
      // Priced at the books' mids, not a last price that arrives before the book worker has the books.
      const quoted = (s: OptionChainView['rows'][number]['call']) => s?.iv !== undefined && s.markFrom === 'mid';
      return chain !== undefined && chain.rows.every((r) => quoted(r.call) && quoted(r.put));
    }, 'every option of the chain priced at its mid');
    const reply = await rig.call('options.strategy', { venue: 'zerodha', underlying: 'NIFTY', preset: { name: 'strangle', width: 1, direction: 'short', lots: 2 } });
    expect(reply.error).toBeUndefined();
    const q = reply.value as StrategyQuoteView;
    expect(q.problems).toEqual([]);
    expect(q.model).toBe('black76');
    const strikes = chain!.rows.map((r) => r.strike);
    const atm = strikes.indexOf(chain!.atmStrike!);
    const put = chain!.rows[atm - 1]!.put!;
    const call = chain!.rows[atm + 1]!.call!;
    expect(q.legs.map((l) => [l.symbol, l.side, l.lots])).toEqual([
      [put.symbol, 'sell', 2],
      [call.symbol, 'sell', 2],
    ]);
    const lotUnits = q.legs[0]!.multiplier;
    expect(lotUnits).toBeGreaterThan(1); // an NFO lot is many units of NIFTY
    expect(q.legs[0]!.qty).toBe(String(2 * lotUnits));
    const bid = (s: typeof put) => (s.bid! * s.tickSize) / 10 ** s.priceDecimals;
    expect(Number(q.legs[0]!.price)).toBeCloseTo(bid(put), 9);
    expect(Number(q.legs[1]!.price)).toBeCloseTo(bid(call), 9);
    const s = q.summary!;
    const credit = bid(put) + bid(call);
    expect(s.premium.kind).toBe('credit');
    expect(s.premium.amount).toBeCloseTo(2 * lotUnits * credit, 6);
    // Sold: the most it makes is the credit, the upside loss is unlimited; breakevens the strikes ∓ the credit per unit.
    expect(s.maxProfit).toBeCloseTo(2 * lotUnits * credit, 6);
    expect(s.maxLoss).toBe('unlimited');
    expect(s.breakevens[0]).toBeCloseTo(strikes[atm - 1]! - credit, 6);
    expect(s.breakevens[1]).toBeCloseTo(strikes[atm + 1]! + credit, 6);
    expect(s.greeks.vega).toBeLessThan(0);
    expect(s.greeks.theta).toBeGreaterThan(0);

    const bad = await rig.call('options.strategy', { venue: 'zerodha', underlying: 'NIFTY', preset: { name: 'strangle', width: 40, direction: 'short', lots: 1 } });
    expect(bad.error?.code).toBe('INVALID_INPUT');
    expect(bad.error?.message).toMatch(/no strike 40 below the ATM/);
    const mixed = await rig.call('options.strategy', { venue: 'zerodha', underlying: 'NIFTY', preset: { name: 'straddle', direction: 'long', lots: 1 }, legs: [{ symbol: put.symbol, side: 'buy', lots: 1 }] });
    expect(mixed.error?.code).toBe('INVALID_INPUT');
  });
});
