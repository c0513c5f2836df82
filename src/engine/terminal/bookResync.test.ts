import { afterEach, describe, expect, it } from 'vitest';
import { bookKey, BookService, type ResyncRequest } from '../book';
import { recordingLogger, SimulatedClock } from '../core';
import { createSimVenue, type SimVenue, type VenueEvent } from '../venues';
import { routeBookResyncs } from './bookResync';

const T0 = 1_700_000_000_000;
const BTC = 'BTC-USDT';
const KEY = bookKey('SIM', BTC);

let books: BookService | undefined;
let venue: SimVenue | undefined;
afterEach(async () => {
  await venue?.disconnect();
  await books?.close();
  books = venue = undefined;
});

/**
 * A real SIM venue and a real book service (worker thread), joined by a link that can lose one
 * message and hold back snapshots, the way a network loses a packet and delays an answer.
 */
async function setUp() {
  const clock = new SimulatedClock(T0);
  const logger = recordingLogger();
  venue = createSimVenue({ clock, seed: 7 });
  books = new BookService({ clock, capacity: 8, depth: 20 });
  const link = { dropNextDeltaOf: undefined as string | undefined, dropped: undefined as VenueEvent | undefined, holdSnapshots: false, held: [] as VenueEvent[] };
  const b = books;
  venue.onEvent((e) => {
    if (e.type === 'bookDelta' && e.symbol === link.dropNextDeltaOf) {
      link.dropNextDeltaOf = undefined;
      link.dropped = e;
      return;
    }
    if (e.type === 'bookSnapshot' && link.holdSnapshots) return void link.held.push(e);
    b.onVenueEvent(e);
  });
  const detach = routeBookResyncs(books, [venue], logger);
  await venue.connect();
  await settleAll(b);
  return { clock, logger, venue, books: b, link, detach };
}

/** Lets the venue's events reach the service and the worker apply them. */
async function settleAll(b: BookService): Promise<void> {
  for (let i = 0; i < 3; i++) await Promise.resolve();
  await b.whenApplied();
}

/** Advances simulated time in 50 ms steps until `done` holds, failing after `maxSteps`. */
async function stepUntil(clock: SimulatedClock, b: BookService, done: () => boolean, maxSteps: number, what: string): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    if (done()) return;
    clock.advance(50);
    await settleAll(b);
  }
  if (!done()) throw new Error(`${what}: not after ${maxSteps} steps of 50 ms`);
}

function expectSameAsVenue(b: BookService, v: SimVenue, levels: number): void {
  const top = b.reader.readTop(KEY, levels)!;
  const book = v.book(BTC, levels)!;
  expect(top.stale).toBe(false);
  expect(top.bids).toEqual(book.bids);
  expect(top.asks).toEqual(book.asks);
}

describe('book resync through the venue', () => {
  it('a message lost from the stream: the book goes STALE, its snapshot is asked of its venue, and it is live and exact again', async () => {
    const { clock, logger, venue: v, books: b, link } = await setUp();
    const requests: ResyncRequest[] = [];
    b.onResyncNeeded((r) => requests.push(r));
    await stepUntil(clock, b, () => b.reader.readTop(KEY, 1)!.seq >= 5, 400, 'BTC book moving');
    expectSameAsVenue(b, v, 20);

    // One delta is lost; the venue's answer is held back so that the stale book can be looked at.
    link.dropNextDeltaOf = BTC;
    link.holdSnapshots = true;
    await stepUntil(clock, b, () => requests.length > 0, 400, 'resync requested after the gap');
    const lost = link.dropped as Extract<VenueEvent, { type: 'bookDelta' }>;
    expect(requests).toEqual([{ reason: 'gap', key: KEY, venue: 'SIM', symbol: BTC, slot: b.slotOf(KEY), expected: lost.seq, got: lost.seq + 1, attempt: 1 }]);
    await settleAll(b);
    expect(b.reader.readTop(KEY, 1)).toMatchObject({ stale: true, seq: lost.seq - 1 });
    expect(b.reader.bestBid(KEY)).toBeUndefined(); // nobody prices off a book known to be wrong
    expect(link.held.map((e) => e.type === 'bookSnapshot' && e.symbol)).toEqual([BTC]);
    expect(logger.lines).toContainEqual({ level: 'warn', fields: requests[0], message: 'book is stale: snapshot requested from its venue' });

    // The answer arrives: live again, exactly the venue's book, and following the stream from there.
    link.holdSnapshots = false;
    for (const e of link.held.splice(0)) b.onVenueEvent(e);
    await settleAll(b);
    expectSameAsVenue(b, v, 20);
    const seqAtResync = b.reader.readTop(KEY, 1)!.seq;
    await stepUntil(clock, b, () => b.reader.readTop(KEY, 1)!.seq >= seqAtResync + 5, 400, 'BTC book moving after the resync');
    expectSameAsVenue(b, v, 20);
    expect(b.stats().resyncsWaiting).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('asks the venue again when its answer is lost, until one arrives', async () => {
    const { clock, venue: v, books: b, link } = await setUp();
    const requests: ResyncRequest[] = [];
    b.onResyncNeeded((r) => requests.push(r));
    link.dropNextDeltaOf = BTC;
    link.holdSnapshots = true;
    await stepUntil(clock, b, () => requests.length > 0, 400, 'resync requested after the gap');
    // Every answer is lost for a while: asked again after 1 s, then 2 s later.
    await stepUntil(clock, b, () => requests.length === 3, 100, 'asked three times');
    expect(requests.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(b.reader.readTop(KEY, 1)!.stale).toBe(true);

    link.held.length = 0;
    link.holdSnapshots = false;
    await stepUntil(clock, b, () => !b.reader.readTop(KEY, 1)!.stale, 200, 'live after an answer got through');
    expect(requests).toHaveLength(4);
    expectSameAsVenue(b, v, 20);
  });
});
