import { describe, expect, it } from 'vitest';
import type { OptionChainView, SentimentView } from '../../contract';
import { DEFAULT_EXTRA_INSTRUMENTS, DEFAULT_MARKETS, NIFTY_OPTION_INSTRUMENTS, NIFTY_OPTION_MARKETS, niftyOptionOiLots } from '../../engine/venues/kite/testSupport';
import { kiteBridgeRig } from './kiteRig.fixture';

/**
 * Kite's put-call ratio in the Sentiment panel's positioning: put OI over call OI of NIFTY's December chain,
 * read from the full-mode ticks of the loopback Kite venue, for whichever NIFTY instrument the trader looks at.
 */
const NIFTY_LOT = 75;
const STRIKES = [23800, 23900, 24000, 24100, 24200, 24300, 24400, 24500];

describe("Kite put-call ratio (the option chain's open interest)", () => {
  it('is put OI over call OI of the nearest expiry, follows the ticks, and is found from the future, the index root or the name', async () => {
    const rig = await kiteBridgeRig({ extraInstruments: [...DEFAULT_EXTRA_INSTRUMENTS, ...NIFTY_OPTION_INSTRUMENTS], markets: [...DEFAULT_MARKETS, ...NIFTY_OPTION_MARKETS] });
    await rig.login();
    // The options stream (OI with them) while a chain is on screen.
    let chain: OptionChainView | undefined;
    await rig.until(() => {
      void rig.call('options.chain', { venue: 'zerodha', underlying: 'NIFTY' }).then((r) => (chain = r.value as OptionChainView));
      return chain !== undefined && chain.rows.every((r) => r.call?.oi !== undefined && r.put?.oi !== undefined);
    }, 'every option with its OI');

    // One put's OI rises by 2,400 lots: puts 26,800 against calls 24,400.
    const put24000 = niftyOptionOiLots(24000, 'PE');
    rig.venue.control.setOpenInterest('NFO:NIFTY26DEC24000PE', (put24000 + 2_400) * NIFTY_LOT);
    const calls = STRIKES.reduce((n, k) => n + niftyOptionOiLots(k, 'CE'), 0);
    const puts = STRIKES.reduce((n, k) => n + niftyOptionOiLots(k, 'PE'), 0) + 2_400;
    expect(puts / calls).not.toBe(1);

    let view: SentimentView | undefined;
    await rig.until(() => {
      void rig.call('signals.sentiment', { instrument: 'NFO:NIFTY26DECFUT' }).then((r) => (view = r.value as SentimentView));
      return view?.positioning.putCallRatio !== undefined && Math.abs(view.positioning.putCallRatio.value - puts / calls) < 1e-12;
    }, 'the ratio after the new OI');
    expect(view!.positioning.putCallRatio).toMatchObject({ source: 'zerodha', label: 'expiry 2026-12-29' });

    for (const instrument of ['NIFTY', 'NSE:NIFTY 50']) {
      const r = (await rig.call('signals.sentiment', { instrument })).value as SentimentView;
      expect(r.positioning.putCallRatio?.value, instrument).toBeCloseTo(puts / calls, 12);
    }
    // An instrument without options has none.
    const other = (await rig.call('signals.sentiment', { instrument: 'NSE:INFY' })).value as SentimentView;
    expect(other.positioning.putCallRatio).toBeUndefined();
  });
});
