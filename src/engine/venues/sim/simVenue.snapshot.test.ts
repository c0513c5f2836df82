import { describe, expect, it } from 'vitest';
import { levelChangesOf } from '../../core';
import type { VenueEvent } from '../types';
import { BTC, harness, ofType, req, settle } from './testSupport';

/** Applies the book events of one symbol after the last snapshot, as a book consumer would. */
function bookFrom(events: VenueEvent[], symbol: string): { seq: number; bids: Map<number, number>; asks: Map<number, number> } {
  const book = { seq: -1, bids: new Map<number, number>(), asks: new Map<number, number>() };
  for (const e of events) {
    if (e.type === 'bookSnapshot' && e.symbol === symbol) {
      Object.assign(book, { seq: e.seq, bids: new Map(e.bids), asks: new Map(e.asks) });
    } else if (e.type === 'bookDelta' && e.symbol === symbol) {
      expect(e.seq).toBe(book.seq + 1);
      book.seq = e.seq;
      for (const c of levelChangesOf(e)) {
        const side = c.side === 'buy' ? book.bids : book.asks;
        if (c.qty === 0) side.delete(c.price);
        else side.set(c.price, c.qty);
      }
    }
  }
  return book;
}

describe('SimVenue book snapshot on request (resync)', () => {
  it('answers with the whole book of the instrument, at the seq of its last delta, and the deltas go on from there', async () => {
    const h = harness();
    await h.venue.connect();
    h.clock.advance(3_000);
    // Our own resting order is part of the venue's book like anyone's.
    const bestBid = h.venue.book(BTC, 1)!.bids[0]![0];
    h.venue.submit(req({ clientOrderId: 'rest-1', price: bestBid - 30, qty: 700 }));
    await settle();
    const lastDelta = ofType(h.events, 'bookDelta').filter((d) => d.symbol === BTC).at(-1)!;

    const before = h.events.length;
    h.venue.requestBookSnapshot(BTC);
    expect(h.events.length).toBe(before); // asynchronous, like every venue answer
    await settle();
    const answer = h.events.slice(before);
    expect(answer).toHaveLength(1);
    const snapshot = ofType(answer, 'bookSnapshot')[0]!;
    const book = h.venue.book(BTC)!;
    expect(snapshot).toEqual({ type: 'bookSnapshot', venue: 'SIM', symbol: BTC, seq: lastDelta.seq, bids: book.bids, asks: book.asks });
    expect(new Map(snapshot.bids).get(bestBid - 30)).toBeGreaterThanOrEqual(700);

    // A consumer that starts from the requested snapshot and applies what follows has the venue's book.
    h.clock.advance(3_000);
    await settle();
    const resumed = bookFrom(h.events.slice(before), BTC);
    expect(resumed.seq).toBeGreaterThan(snapshot.seq);
    expect(resumed.bids).toEqual(new Map(h.venue.book(BTC)!.bids));
    expect(resumed.asks).toEqual(new Map(h.venue.book(BTC)!.asks));
    // The other instruments' streams were untouched by it.
    expect(ofType(h.events.slice(before), 'bookSnapshot').map((s) => s.symbol)).toEqual([BTC]);
  });

  it('drops a request it cannot serve: before connect, after disconnect, for a symbol it does not list', async () => {
    const h = harness();
    h.venue.requestBookSnapshot(BTC);
    await settle();
    expect(h.events).toEqual([]);
    await h.venue.connect();
    h.venue.requestBookSnapshot('DOGE-USDT');
    await h.venue.disconnect();
    h.venue.requestBookSnapshot(BTC);
    await settle();
    expect(ofType(h.events, 'bookSnapshot')).toHaveLength(3); // the three sent at connect, nothing more
  });
});
