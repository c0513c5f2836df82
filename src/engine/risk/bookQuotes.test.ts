import { afterEach, describe, expect, it } from 'vitest';
import { BookService } from '../book';
import { BookQuotes } from './bookQuotes';
import { emptyQuote, instrumentRef } from './riskContext';

/* Against the real book worker and its shared memory: what risk reads is what the worker published. */
let service: BookService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

describe('BookQuotes', () => {
  it('reads the live top of book, and nothing from a stale or unknown one; the last trade stays', async () => {
    service = new BookService({ capacity: 4, depth: 5 });
    const quotes = new BookQuotes(service.sab, (key) => service!.slotOf(key));
    const q = emptyQuote();
    const btc = instrumentRef('SIM-A', 'BTC-USDT');
    service.onVenueEvent({ type: 'bookSnapshot', venue: 'SIM-A', symbol: 'BTC-USDT', seq: 1, bids: [[949_990, 5], [949_980, 2]], asks: [[950_010, 3]] });
    await service.whenApplied();
    quotes.onTrade('SIM-A', 'BTC-USDT', 950_000);
    quotes.quote(btc, q);
    expect(q).toEqual({ bid: 949_990, ask: 950_010, last: 950_000 });

    service.onVenueEvent({ type: 'bookDelta', venue: 'SIM-A', symbol: 'BTC-USDT', seq: 2, changes: [{ side: 'sell', price: 950_010, qty: 0 }] });
    await service.whenApplied();
    quotes.quote(btc, q);
    expect(q).toEqual({ bid: 949_990, ask: NaN, last: 950_000 });

    expect(service.markStale('SIM-A:BTC-USDT', 'feed gap').ok).toBe(true);
    await service.whenApplied();
    quotes.quote(btc, q);
    expect(q).toEqual({ bid: NaN, ask: NaN, last: 950_000 });

    quotes.quote(instrumentRef('SIM-B', 'BTC-USDT'), q);
    expect(q).toEqual({ bid: NaN, ask: NaN, last: NaN });
  });

  it('answers from its copy only while the slot is unwritten, and follows a slot handed to another instrument', async () => {
    service = new BookService({ capacity: 1, depth: 5 });
    const quotes = new BookQuotes(service.sab, (key) => service!.slotOf(key));
    const q = emptyQuote();
    const btc = instrumentRef('SIM-A', 'BTC-USDT');
    const eth = instrumentRef('SIM-A', 'ETH-USDT');
    const snapshot = (symbol: string, seq: number, bid: number, ask: number) =>
      service!.onVenueEvent({ type: 'bookSnapshot', venue: 'SIM-A', symbol, seq, bids: [[bid, 1]], asks: [[ask, 1]] });
    snapshot('BTC-USDT', 1, 100, 102);
    await service.whenApplied();
    quotes.quote(btc, q);
    expect(q).toMatchObject({ bid: 100, ask: 102 });
    // Every write moves the slot's word, even one that leaves the best prices where they were.
    for (let seq = 2; seq < 50; seq++) {
      service.onVenueEvent({ type: 'bookDelta', venue: 'SIM-A', symbol: 'BTC-USDT', seq, changes: [{ side: 'buy', price: 100 - (seq % 3), qty: seq }] });
      await service.whenApplied();
      quotes.quote(btc, q);
      expect(q).toMatchObject({ bid: 100, ask: 102 });
    }
    service.onVenueEvent({ type: 'bookDelta', venue: 'SIM-A', symbol: 'BTC-USDT', seq: 50, changes: [{ side: 'buy', price: 101, qty: 1 }] });
    await service.whenApplied();
    quotes.quote(btc, q);
    expect(q).toMatchObject({ bid: 101, ask: 102 });

    // The only slot is freed and taken by ETH: BTC has no book any more, ETH reads its own.
    service.release('SIM-A:BTC-USDT');
    snapshot('ETH-USDT', 1, 3_400, 3_401);
    await service.whenApplied();
    quotes.quote(btc, q);
    expect(q).toMatchObject({ bid: NaN, ask: NaN });
    quotes.quote(eth, q);
    expect(q).toMatchObject({ bid: 3_400, ask: 3_401 });
  });
});
