import { describe, expect, it } from 'vitest';
import type { OptionChainView, OptionGreeksView, OptionUnderlyingView } from '../../contract';
import { optionPrice, yearsBetween } from '../../engine/options';
import { DEFAULT_EXTRA_INSTRUMENTS, DEFAULT_MARKETS, NIFTY_OPTION_INSTRUMENTS, NIFTY_OPTION_MARKETS } from '../../engine/venues/kite/testSupport';
import { kiteBridgeRig } from './kiteRig.fixture';

/**
 * The option chain of a logged-in Kite account through the real bridge handlers (their zod schemas),
 * engine and adapter, against the loopback Kite venue listing NIFTY December options beside the future.
 */
const DEC_EXPIRY = Date.UTC(2026, 11, 29, 10, 0); // 29 December 2026, 15:30 IST: NSE's close on expiry day

async function niftyRig() {
  const rig = await kiteBridgeRig({ extraInstruments: [...DEFAULT_EXTRA_INSTRUMENTS, ...NIFTY_OPTION_INSTRUMENTS], markets: [...DEFAULT_MARKETS, ...NIFTY_OPTION_MARKETS] });
  await rig.login();
  /**
   * Polls the chain (as the panel does) until the future and every option are priced at their book's mid
   * (with an IV for each option): their quotes stream only once a chain asks for them, and until the books
   * reach the book worker a price is the last price Kite's tick stated.
   */
  const pricedChain = async (input: object = {}): Promise<OptionChainView> => {
    let chain: OptionChainView | undefined;
    await rig.until(() => {
      void rig.call('options.chain', { venue: 'zerodha', underlying: 'NIFTY', ...input }).then((r) => (chain = r.value as OptionChainView));
      return (
        chain !== undefined &&
        chain.underlyingPriceFrom === 'mid' &&
        chain.rows.every((r) => r.call?.markFrom === 'mid' && r.put?.markFrom === 'mid' && r.call.iv !== undefined && r.put.iv !== undefined)
      );
    }, 'every option of the chain priced');
    return chain!;
  };
  return { ...rig, pricedChain };
}

describe('option chain over the bridge (Kite NFO options)', () => {
  it("lists NIFTY's expiry, prices its chain from the same-expiry future with Black-76, IV and Greeks per strike", async () => {
    const rig = await niftyRig();
    const underlyings = (await rig.call('options.underlyings', { venue: 'zerodha' })).value as OptionUnderlyingView[];
    // The dump's 2017-18 BANKNIFTY options have expired: only NIFTY (grouped by its name) is listed.
    expect(underlyings).toEqual([{ venue: 'zerodha', underlying: 'NIFTY', expiries: [DEC_EXPIRY] }]);

    const chain = await rig.pricedChain();
    expect(chain.expiry).toBe(DEC_EXPIRY);
    expect(chain.rows.map((r) => r.strike)).toEqual([23800, 23900, 24000, 24100, 24200, 24300, 24400, 24500]);
    expect(chain.underlyingSymbol).toBe('NFO:NIFTY26DECFUT');
    expect(chain.underlyingKind).toBe('future');
    expect(chain.model).toBe('black76');
    expect(chain.rate).toBe(0);
    expect(chain.forward).toBe(chain.underlyingPrice);
    expect(chain.underlyingPrice).toBeGreaterThan(24000);
    expect(chain.underlyingPrice).toBeLessThan(24300);
    expect(chain.years).toBeCloseTo(yearsBetween(chain.asOf, DEC_EXPIRY), 12);
    expect(chain.conventions).toMatchObject({ theta: 'per calendar day', vega: 'per 1 vol point', time: 'ACT/365' });
    const atm = chain.rows.reduce((best, r) => (Math.abs(r.strike - chain.forward!) < Math.abs(best - chain.forward!) ? r.strike : best), chain.rows[0]!.strike);
    expect(chain.atmStrike).toBe(atm);

    const row = chain.rows.find((r) => r.strike === 24000)!;
    const call = row.call!;
    expect(call.symbol).toBe('NFO:NIFTY26DEC24000CE');
    // The loopback quotes 392.75 / 395.95: ticks of 0.05.
    expect([call.bid, call.ask]).toEqual([7855, 7919]);
    expect(call.mark).toBeCloseTo(394.35, 9);
    expect(call.markFrom).toBe('mid');
    // The IV reprices the mark; bid IV < IV < ask IV.
    const inputs = { model: 'black76' as const, spot: chain.forward!, strike: 24000, years: chain.years, rate: 0, dividend: 0 };
    expect(optionPrice({ ...inputs, right: 'call', sigma: call.iv! })).toBeCloseTo(394.35, 8);
    expect(call.bidIv!).toBeLessThan(call.iv!);
    expect(call.askIv!).toBeGreaterThan(call.iv!);
    expect(call.iv!).toBeGreaterThan(0.05);
    expect(call.iv!).toBeLessThan(0.4);
    // Greeks at that IV: delta in (0, 1), put delta in (-1, 0), gamma and vega positive, theta negative (per day).
    const put = row.put!;
    expect(call.delta!).toBeGreaterThan(0.5);
    expect(call.delta!).toBeLessThan(1);
    expect(put.delta!).toBeLessThan(0);
    expect(call.gamma!).toBeGreaterThan(0);
    expect(call.vega!).toBeGreaterThan(0);
    expect(call.theta!).toBeLessThan(0);
    // Vega per vol point: the price one point of vol higher, less the price, is about vega.
    const up = optionPrice({ ...inputs, right: 'call', sigma: call.iv! + 0.01 }) - optionPrice({ ...inputs, right: 'call', sigma: call.iv! });
    expect(call.vega!).toBeCloseTo(up, 1);
    // The skew the loopback quotes: a lower strike's put IV above a higher strike's.
    expect(chain.rows[0]!.put!.iv!).toBeGreaterThan(chain.rows.at(-1)!.call!.iv!);

    // A held option's Greeks agree with its chain row (read at the same market).
    const held = (await rig.call('options.greeks', { venue: 'zerodha', symbol: 'NFO:NIFTY26DEC24000CE' })).value as OptionGreeksView;
    expect(held).toMatchObject({ underlying: 'NIFTY', underlyingSymbol: 'NFO:NIFTY26DECFUT', model: 'black76' });
    expect(held.iv).toBeCloseTo(call.iv!, 6);
    expect(held.delta).toBeCloseTo(call.delta!, 4);
    expect((await rig.call('options.greeks', { venue: 'zerodha', symbol: 'NFO:NIFTY26DECFUT' })).value).toBeNull();
  });

  it('discounts at the rate asked for; refuses unknown underlyings and bad input in words', async () => {
    const rig = await niftyRig();
    const chain = await rig.pricedChain({ rate: 0.065 });
    expect(chain.rate).toBe(0.065);
    // The IV reprices the mark discounted at that rate (Black-76: the premium is e^(-rT) times the undiscounted one).
    const row = chain.rows.find((r) => r.strike === chain.atmStrike)!;
    const at = (rate: number, sigma: number) => optionPrice({ model: 'black76', right: 'call', spot: chain.forward!, strike: row.strike, years: chain.years, rate, dividend: 0, sigma });
    expect(at(0.065, row.call!.iv!)).toBeCloseTo(row.call!.mark!, 8);
    expect(at(0, row.call!.iv!) * Math.exp(-0.065 * chain.years)).toBeCloseTo(row.call!.mark!, 8);

    const unknown = await rig.call('options.chain', { venue: 'zerodha', underlying: 'NOSUCH' });
    expect(unknown.error).toEqual({ code: 'UNKNOWN_INSTRUMENT', message: 'zerodha has no options on NOSUCH' });
    const wrongExpiry = await rig.call('options.chain', { venue: 'zerodha', underlying: 'NIFTY', expiry: DEC_EXPIRY + 1 });
    expect(wrongExpiry.error?.code).toBe('UNKNOWN_INSTRUMENT');
    const badRate = await rig.call('options.chain', { venue: 'zerodha', underlying: 'NIFTY', rate: 5 });
    expect(badRate.error?.code).toBe('INVALID_INPUT');
    const extra = await rig.call('options.chain', { venue: 'zerodha', underlying: 'NIFTY', strikes: 10 });
    expect(extra.error?.code).toBe('INVALID_INPUT');
    expect((await rig.call('options.closeChain', {})).value).toEqual({ closed: true });
  });
});
