import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../contract/api';
import { optionLabel, searchIndex, searchInstruments } from './instrumentSearch';
import { EngineSearch, type EngineMatches, keepFocused, matchTotal, type Schedule, type SearchCall, withFound } from './partialInstruments';
import { accountChoices } from './venues';
import { btc } from './testing';

const kite = (symbol: string, displayName: string): Instrument => ({
  ...btc,
  venue: 'KITE',
  symbol,
  venueSymbol: symbol.split(':')[1]!,
  base: displayName.split(' ')[0]!,
  quote: 'INR',
  displayName,
  name: displayName.split(' ')[0]!,
});
const sim = (symbol: string, base: string): Instrument => ({ ...btc, symbol, venueSymbol: symbol.replace('-', ''), base });

const reliance = kite('NSE:RELIANCE', 'RELIANCE');
const niftyCe = kite('NFO:NIFTY26DEC24000CE', 'NIFTY 26DEC 24000 CE');
const niftyPe = kite('NFO:NIFTY26DEC24000PE', 'NIFTY 26DEC 24000 PE');
const niftyFar = kite('NFO:NIFTY26DEC25000CE', 'NIFTY 26DEC 25000 CE');
const partial = [{ venue: 'KITE', listed: 1, total: 100_000 }];

/** A hand-driven timer and a venue search whose answers the test releases in any order. */
function harness() {
  let pending: (() => void) | undefined;
  const schedule: Schedule = (fn) => {
    pending = fn;
    return () => {
      if (pending === fn) pending = undefined;
    };
  };
  const asked: { venue: string; query: string; answer: (instruments: Instrument[], total: number) => void }[] = [];
  const call: SearchCall = (venue, query) =>
    new Promise((resolve) => asked.push({ venue, query, answer: (instruments, total) => resolve({ ok: true, value: { instruments, total } }) }));
  const answers: (EngineMatches | null)[] = [];
  const search = new EngineSearch(call, (m) => answers.push(m), schedule);
  const fire = () => {
    const fn = pending;
    pending = undefined;
    fn?.();
  };
  return { search, asked, answers, fire, isPending: () => pending !== undefined };
}
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('a partial venue in the picker', () => {
  it('joins the engine matches to the listed instruments, each once, ranked as the picker ranks', () => {
    const listed = [sim('BTC-USDT', 'BTC'), reliance, niftyCe];
    const merged = withFound(listed, [niftyPe, niftyCe, niftyFar]);
    expect(merged.map(optionLabel)).toEqual(['BTC-USDT · SIM', 'NSE:RELIANCE · KITE', 'NFO:NIFTY26DEC24000CE · KITE', 'NFO:NIFTY26DEC24000PE · KITE', 'NFO:NIFTY26DEC25000CE · KITE']);
    const r = searchInstruments(searchIndex(merged), 'nifty 24000', {}, { countIn: new Set(['KITE']) });
    expect(r.options.map((o) => o.label)).toEqual(['NFO:NIFTY26DEC24000CE · KITE', 'NFO:NIFTY26DEC24000PE · KITE']);
    expect(r.counts).toEqual(new Map([['KITE', 2]]));
  });

  it('counts matches with the engine total for a partial venue once it answered this query', () => {
    expect(matchTotal(5, new Map([['KITE', 2]]), undefined)).toBe(5);
    expect(matchTotal(5, new Map([['KITE', 2]]), new Map([['KITE', 480]]))).toBe(483);
    // The picker matched more there (by account name) than the engine counts: never fewer than shown.
    expect(matchTotal(5, new Map([['KITE', 4]]), new Map([['KITE', 0]]))).toBe(5);
  });

  it('keeps the focused instrument picked from a search while the engine list without it is still the latest', () => {
    const previous = [sim('BTC-USDT', 'BTC'), niftyPe];
    const engineList = [sim('BTC-USDT', 'BTC'), reliance];
    const focus = { venue: 'KITE', symbol: niftyPe.symbol };
    expect(keepFocused(engineList, previous, partial, focus).map((i) => i.symbol)).toEqual(['BTC-USDT', 'NSE:RELIANCE', niftyPe.symbol]);
    // Once the engine lists it, its list is taken as it is.
    expect(keepFocused([...engineList, niftyPe], previous, partial, focus)).toHaveLength(3);
    // A whole venue's list is the truth: an instrument gone from it is gone.
    expect(keepFocused(engineList, previous, [], focus).map((i) => i.symbol)).toEqual(['BTC-USDT', 'NSE:RELIANCE']);
  });

  it('counts a partial venue by its whole list in the account choice', () => {
    const choices = accountChoices(null, [sim('BTC-USDT', 'BTC')], [{ venue: 'KITE', total: 100_000 }]);
    expect(choices.map((c) => [c.venue, c.instruments])).toEqual([
      ['SIM', 1],
      ['KITE', 100_000],
    ]);
  });
});

describe('the engine search as the trader types', () => {
  it('asks once after the pause, with the latest text, per partial venue', async () => {
    const h = harness();
    h.search.update('n', ['KITE']);
    h.search.update('ni', ['KITE']);
    h.search.update('nifty ', ['KITE']);
    expect(h.asked).toHaveLength(0);
    h.fire();
    expect(h.asked.map((a) => [a.venue, a.query])).toEqual([['KITE', 'nifty']]);
    h.asked[0]!.answer([niftyCe, niftyPe], 2_400);
    await settle();
    expect(h.answers).toEqual([{ query: 'nifty', found: [niftyCe, niftyPe], totals: new Map([['KITE', 2_400]]), failed: [] }]);
  });

  it('drops an answer to an older question that arrives after a newer one was asked', async () => {
    const h = harness();
    h.search.update('nifty', ['KITE']);
    h.fire();
    h.search.update('nifty 25000', ['KITE']);
    h.fire();
    const [old, latest] = h.asked;
    latest!.answer([niftyFar], 1);
    await settle();
    old!.answer([niftyCe, niftyPe, niftyFar], 2_400);
    await settle();
    expect(h.answers).toHaveLength(1);
    expect(h.answers[0]!.query).toBe('nifty 25000');
    expect(h.answers[0]!.found).toEqual([niftyFar]);
  });

  it('drops a pending answer once the text changed, even before the new question is asked', async () => {
    const h = harness();
    h.search.update('reliance', ['KITE']);
    h.fire();
    h.search.update('relianc', ['KITE']);
    h.asked[0]!.answer([reliance], 1);
    await settle();
    expect(h.answers).toEqual([]);
    expect(h.isPending()).toBe(true);
  });

  it('asks nothing for an empty text or without partial venues, and answers null at once', () => {
    const h = harness();
    h.search.update('  ', ['KITE']);
    h.search.update('btc', []);
    expect(h.isPending()).toBe(false);
    expect(h.asked).toHaveLength(0);
    expect(h.answers).toEqual([null, null]);
  });

  it('says which venue failed; a stopped search answers nothing', async () => {
    const failing = harness();
    const search = new EngineSearch(
      () => Promise.resolve({ ok: false, error: { message: 'vault locked' } }),
      (m) => failing.answers.push(m),
      (fn) => {
        fn();
        return () => {};
      },
    );
    search.update('x', ['KITE']);
    await settle();
    expect(failing.answers).toEqual([{ query: 'x', found: [], totals: new Map(), failed: ['KITE: vault locked'] }]);

    const h = harness();
    h.search.update('nifty', ['KITE']);
    h.fire();
    h.search.stop();
    h.asked[0]!.answer([niftyCe], 1);
    await settle();
    expect(h.answers).toEqual([]);
  });
});
