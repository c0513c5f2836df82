import { describe, expect, it } from 'vitest';
import type { ChainSideView, OptionChainView } from '../../contract/api';
import { chainSummary, defaultUnderlying, expiryText, greekText, ivText, parseRatePercent, sideCells, sideTitle, strikeText, ticketFromQuote, ticksText, timeToExpiryText } from './optionChain';

const call: ChainSideView = {
  symbol: 'NFO:NIFTY26DEC24000CE',
  displayName: 'NIFTY 26DEC 24000 CE',
  tickSize: 5,
  priceDecimals: 2,
  bid: 7855,
  ask: 7919,
  mark: 394.35,
  markFrom: 'mid',
  iv: 0.13124,
  bidIv: 0.1305,
  askIv: 0.1319,
  delta: 0.61234,
  gamma: 0.000212345,
  vega: 21.456,
  theta: -8.123,
  oi: 1200,
};

const chain: OptionChainView = {
  venue: 'zerodha',
  underlying: 'NIFTY',
  expiry: Date.UTC(2026, 11, 29, 10, 0),
  expiries: [Date.UTC(2026, 11, 29, 10, 0)],
  underlyingSymbol: 'NFO:NIFTY26DECFUT',
  underlyingKind: 'future',
  underlyingPrice: 24150,
  underlyingPriceFrom: 'mid',
  forward: 24150,
  years: (22 * 24 * 60 + 5 * 60 + 30) / (365 * 24 * 60),
  model: 'black76',
  rate: 0,
  atmStrike: 24100,
  priceDecimals: 2,
  rows: [{ strike: 24000, call }],
  conventions: { theta: 'per calendar day', vega: 'per 1 vol point', time: 'ACT/365', iv: 'annualised, from the mark (bid IV and ask IV from the bid and ask)', delta: 'per 1 unit of the underlying' },
  asOf: Date.UTC(2026, 11, 7, 4, 30),
};

describe('option chain view', () => {
  it("shows an option's prices in its ticks' decimals, IV in percent and Greeks at legible precision", () => {
    expect(ticksText(call, 7855)).toBe('392.75');
    expect(sideCells(call)).toEqual({ OI: '1200', Theta: '-8.12', Vega: '21.46', Gamma: '2.12e-4', Delta: '0.612', IV: '13.1', Mark: '394.35', Bid: '392.75', Ask: '395.95' });
    expect(ivText(undefined)).toBe('');
    expect(greekText(0, 'gamma')).toBe('0');
    expect(greekText(0.0000812, 'gamma')).toBe('8.12e-5');
    expect(greekText(0.00123, 'gamma')).toBe('0.00123');
  });

  it('leaves a missing value empty (never a zero that reads as a price) and says why an IV is missing', () => {
    const bare: ChainSideView = { symbol: 'X', displayName: 'X', tickSize: 5, priceDecimals: 2, ivProblem: 'below intrinsic value' };
    expect(Object.values(sideCells(bare)).every((t) => t === '')).toBe(true);
    expect(Object.values(sideCells(undefined)).every((t) => t === '')).toBe(true);
    expect(sideTitle(bare, 'IV')).toBe('no IV: below intrinsic value');
    expect(sideTitle(call, 'Bid')).toBe('bid IV 13.1%');
    expect(sideTitle(call, 'Ask')).toBe('ask IV 13.2%');
    expect(sideTitle(call, 'Mark')).toBe('mid of bid and ask');
  });

  it('a click on the ask buys, on the bid sells, that option at that price; no quote, nothing', () => {
    expect(ticketFromQuote(chain, call, 'ask')).toEqual({ venue: 'zerodha', symbol: 'NFO:NIFTY26DEC24000CE', side: 'buy', price: '395.95' });
    expect(ticketFromQuote(chain, call, 'bid')).toEqual({ venue: 'zerodha', symbol: 'NFO:NIFTY26DEC24000CE', side: 'sell', price: '392.75' });
    expect(ticketFromQuote(chain, { ...call, ask: undefined }, 'ask')).toBeUndefined();
  });

  it('states time to expiry, the model, the rate and the conventions', () => {
    expect(timeToExpiryText(chain.years)).toBe('22d 5h 30m');
    expect(timeToExpiryText(0)).toBe('expired');
    expect(timeToExpiryText(2 / (365 * 24))).toBe('2h 0m');
    expect(expiryText(chain.expiry)).toBe('29 Dec 2026 10:00 UTC');
    const s = chainSummary(chain);
    expect(s.underlying).toBe('NFO:NIFTY26DECFUT 24150.00 (mid) · F 24150.00');
    expect(s.model).toBe('Black-76 · r 0.00%');
    expect(s.expiry).toMatch(/^22d 5h 30m \(T 0\.0609y ACT\/365\)$/);
    expect(s.conventions).toBe('theta per day, vega per 1 vol point, IV % from the mark');
    expect(s.problem).toBeUndefined();
    expect(chainSummary({ ...chain, underlyingSymbol: undefined, underlyingPriceFrom: 'parity', underlyingPrice: 24149.5, forward: 24149.5 }).underlying).toBe('forward 24149.50 (put-call parity) · F 24149.50');
    expect(chainSummary({ ...chain, problem: 'no price for NFO:NIFTY26DECFUT yet', underlyingPrice: undefined, forward: undefined }).underlying).toBe('NFO:NIFTY26DECFUT — (mid)');
  });

  it('writes strikes without trailing zeros', () => {
    expect(strikeText(24000, 2)).toBe('24000');
    expect(strikeText(24012.5, 2)).toBe('24012.5');
    expect(strikeText(95000, 0)).toBe('95000');
    expect(strikeText(3500, 1)).toBe('3500');
  });
});

describe('the Rate % field', () => {
  it("empty is the venue's setting; a percentage is sent as a fraction; anything else is refused in words", () => {
    expect(parseRatePercent('')).toEqual({ ok: true, rate: undefined });
    expect(parseRatePercent(' 6.5 ')).toEqual({ ok: true, rate: 0.065 });
    expect(parseRatePercent('-1')).toEqual({ ok: true, rate: -0.01 });
    expect(parseRatePercent('6,5')).toEqual({ ok: false, error: 'the rate is a percentage, e.g. 6.5' });
    expect(parseRatePercent('abc')).toEqual({ ok: false, error: 'the rate is a percentage, e.g. 6.5' });
    expect(parseRatePercent('101')).toEqual({ ok: false, error: 'the rate must be between -20% and 100%' });
  });

  it("opens on the focused instrument's underlying, else the focused venue's first, else the first listed", () => {
    const list = [
      { venue: 'SIM', underlying: 'BTC-USDT' },
      { venue: 'SIM', underlying: 'ETH-USDT' },
      { venue: 'zerodha', underlying: 'BANKNIFTY' },
      { venue: 'zerodha', underlying: 'NIFTY' },
    ];
    expect(defaultUnderlying(list, { venue: 'SIM', symbol: 'ETH-USDT' })).toEqual(list[1]);
    expect(defaultUnderlying(list, { venue: 'zerodha', symbol: 'NIFTY26DECFUT' })).toEqual(list[3]);
    expect(defaultUnderlying(list, { venue: 'zerodha', symbol: 'RELIANCE' })).toEqual(list[2]);
    expect(defaultUnderlying(list, { venue: 'SIM-B', symbol: 'BTC-USDT' })).toEqual(list[0]);
    expect(defaultUnderlying([], { venue: 'SIM', symbol: 'BTC-USDT' })).toBeUndefined();
  });
});
