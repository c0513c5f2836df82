import { describe, expect, it } from 'vitest';
import type { OptionChainView, OptionGreeksView, OptionUnderlyingView } from '../../contract';
import { optionPrice, yearsBetween } from '../../engine/options';
import {
  DEFAULT_EXTRA_INSTRUMENTS,
  DEFAULT_MARKETS,
  NIFTY_OPTION_INSTRUMENTS,
  NIFTY_OPTION_MARKETS,
  NIFTY_WEEKLY_OPTION_INSTRUMENTS,
  NIFTY_WEEKLY_OPTION_MARKETS,
  niftyOptionOiLots,
} from '../../engine/venues/kite/testSupport';
import { kiteBridgeRig } from './kiteRig.fixture';

/**
 * NIFTY's weekly options of a logged-in Kite account, through the real bridge handlers, engine and
 * adapter against the loopback Kite venue: no future expires with them, so the chain prices them from the
 * NIFTY 50 index's level (KiteTicker's index packets) with BSM at the chain's rate, and shows each
 * option's open interest in lots (Kite states units) from the full-mode ticks. The index streams while the
 * chain is on screen.
 */
const WEEK_EXPIRY = Date.UTC(2026, 11, 22, 10, 0); // Tuesday 22 December 2026, 15:30 IST
const DEC_EXPIRY = Date.UTC(2026, 11, 29, 10, 0);
const NIFTY_50_TOKEN = 256265;

async function weeklyRig() {
  const rig = await kiteBridgeRig({
    extraInstruments: [...DEFAULT_EXTRA_INSTRUMENTS, ...NIFTY_OPTION_INSTRUMENTS, ...NIFTY_WEEKLY_OPTION_INSTRUMENTS],
    markets: [...DEFAULT_MARKETS, ...NIFTY_OPTION_MARKETS, ...NIFTY_WEEKLY_OPTION_MARKETS],
  });
  await rig.login();
  /** Polls the chain (as the panel does) until `done` holds of it. */
  const chainWhen = async (input: object, done: (c: OptionChainView) => boolean, what: string): Promise<OptionChainView> => {
    let chain: OptionChainView | undefined;
    await rig.until(() => {
      void rig.call('options.chain', { venue: 'zerodha', underlying: 'NIFTY', ...input }).then((r) => (chain = r.value as OptionChainView));
      return chain !== undefined && done(chain);
    }, what);
    return chain!;
  };
  /** Priced from the index, every option at its book's mid (before the books reach the book worker a mark is Kite's last price) with an IV and its OI. */
  const priced = (c: OptionChainView) =>
    c.underlyingPriceFrom === 'last' && c.rows.every((r) => [r.call, r.put].every((side) => side?.markFrom === 'mid' && side.iv !== undefined && side.oi !== undefined));
  /** The tokens and modes of every open ticker socket of the venue. */
  const subscriptions = () => new Map([...Array(rig.venue.control.tickerConnections).keys()].flatMap((i) => [...rig.venue.control.tickerSubscriptions(i)]));
  return { ...rig, chainWhen, priced, subscriptions };
}

describe('option chain over the bridge (Kite NIFTY weekly options on the NIFTY 50 index)', () => {
  it("prices the weekly chain from the index's level with BSM: IVs reprice the mids, OI in lots per option", async () => {
    const rig = await weeklyRig();
    const underlyings = (await rig.call('options.underlyings', { venue: 'zerodha' })).value as OptionUnderlyingView[];
    expect(underlyings).toEqual([{ venue: 'zerodha', underlying: 'NIFTY', expiries: [WEEK_EXPIRY, DEC_EXPIRY] }]);

    // The nearest expiry is the weekly one; until the index ticks, the chain can only fall back on parity.
    const chain = await rig.chainWhen({}, rig.priced, 'the weekly chain priced from the index');
    expect(chain.expiry).toBe(WEEK_EXPIRY);
    expect(chain.underlyingSymbol).toBe('NSE:NIFTY 50');
    expect(chain.underlyingKind).toBe('index');
    expect(chain.underlyingPriceFrom).toBe('last');
    expect(chain.underlyingPrice).toBe(24102.35);
    expect(chain.model).toBe('bsm');
    expect(chain.rate).toBe(0);
    expect(chain.forward).toBe(24102.35);
    expect(chain.years).toBeCloseTo(yearsBetween(chain.asOf, WEEK_EXPIRY), 12);
    expect(chain.atmStrike).toBe(24100);
    // The index streams in full mode while its chain is on screen, as do the options (full packets carry OI).
    const modes = rig.subscriptions();
    expect(modes.get(NIFTY_50_TOKEN)).toBe('full');
    for (const row of NIFTY_WEEKLY_OPTION_INSTRUMENTS) expect(modes.get(Number(row.instrument_token))).toBe('full');

    for (const row of chain.rows) {
      for (const [right, side] of [['call', row.call!], ['put', row.put!]] as const) {
        // The mark is the mid, and BSM on the index at the mark's IV gives it back.
        expect(side.markFrom).toBe('mid');
        expect(side.mark!).toBeCloseTo(((side.bid! + side.ask!) / 2) * 0.05, 9);
        const price = optionPrice({ model: 'bsm', right, spot: 24102.35, strike: row.strike, years: chain.years, rate: 0, dividend: 0, sigma: side.iv! });
        expect(price).toBeCloseTo(side.mark!, 8);
        expect(side.bidIv!).toBeLessThan(side.iv!);
        expect(side.askIv!).toBeGreaterThan(side.iv!);
        // Kite's OI of lots x 75 units, shown in lots.
        expect(side.oi).toBe(niftyOptionOiLots(row.strike, right === 'call' ? 'CE' : 'PE'));
      }
    }
    // The loopback quotes 13% at 24100 with a skew falling to the right.
    const atm = chain.rows.find((r) => r.strike === 24100)!;
    expect(atm.call!.iv!).toBeGreaterThan(0.12);
    expect(atm.call!.iv!).toBeLessThan(0.14);
    expect(chain.rows[0]!.put!.iv!).toBeGreaterThan(chain.rows.at(-1)!.call!.iv!);

    // A held weekly option's Greeks are read on the index too.
    const held = (await rig.call('options.greeks', { venue: 'zerodha', symbol: 'NFO:NIFTY26D2224100CE' })).value as OptionGreeksView;
    expect(held).toMatchObject({ underlyingSymbol: 'NSE:NIFTY 50', underlyingPrice: 24102.35, underlyingPriceFrom: 'last', model: 'bsm' });
    expect(held.iv).toBeCloseTo(atm.call!.iv!, 6);
  });

  it('discounts at the rate asked for, follows the index as it moves, and stops streaming it when the chain closes', async () => {
    const rig = await weeklyRig();
    const chain = await rig.chainWhen({ rate: 0.065 }, rig.priced, 'the weekly chain priced at 6.5%');
    expect(chain.rate).toBe(0.065);
    // BSM on the index at the rate: the forward is S e^(rT), and the IV reprices the mark at that rate.
    expect(chain.forward).toBeCloseTo(24102.35 * Math.exp(0.065 * chain.years), 8);
    const row = chain.rows.find((r) => r.strike === 24000)!;
    const at = (sigma: number) => optionPrice({ model: 'bsm', right: 'put', spot: 24102.35, strike: 24000, years: chain.years, rate: 0.065, dividend: 0, sigma });
    expect(at(row.put!.iv!)).toBeCloseTo(row.put!.mark!, 8);

    // The index moves: the chain prices from the new level (a call's IV falls as its price stands still).
    rig.venue.control.setPrice('NSE:NIFTY 50', '24180.55');
    const moved = await rig.chainWhen({ rate: 0.065 }, (c) => c.underlyingPrice === 24180.55 && rig.priced(c), 'the chain on the new level');
    const movedRow = moved.rows.find((r) => r.strike === 24000)!;
    expect(movedRow.call!.iv!).toBeLessThan(row.call!.iv!);
    // The open interest follows the ticks too.
    rig.venue.control.setOpenInterest('NFO:NIFTY26D2224000CE', (niftyOptionOiLots(24000, 'CE') + 50) * 75);
    await rig.chainWhen({ rate: 0.065 }, (c) => c.rows.find((r) => r.strike === 24000)!.call!.oi === niftyOptionOiLots(24000, 'CE') + 50, 'the new OI');

    // The monthly chain still prices from its future (Black-76), with OI filled.
    const monthly = await rig.chainWhen({ expiry: DEC_EXPIRY }, (c) => c.underlyingPriceFrom === 'mid' && c.rows.every((r) => [r.call, r.put].every((side) => side?.markFrom === 'mid' && side.iv !== undefined && side.oi !== undefined)), 'the monthly chain');
    expect(monthly).toMatchObject({ underlyingSymbol: 'NFO:NIFTY26DECFUT', underlyingKind: 'future', model: 'black76' });
    expect(monthly.rows.find((r) => r.strike === 24000)!.put!.oi).toBe(niftyOptionOiLots(24000, 'PE'));

    // Closed: nothing else needs the index or the options, so they stop streaming.
    expect((await rig.call('options.closeChain', {})).value).toEqual({ closed: true });
    await rig.until(() => !rig.subscriptions().has(NIFTY_50_TOKEN), 'the index unsubscribed');
    expect(rig.subscriptions().has(Number(NIFTY_WEEKLY_OPTION_INSTRUMENTS[0]!.instrument_token))).toBe(false);
  });
});
