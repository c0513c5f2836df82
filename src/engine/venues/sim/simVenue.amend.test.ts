import { describe, expect, it } from 'vitest';
import { POST_ONLY_WOULD_CROSS } from './matchingEngine';
import { REDUCE_ONLY_WOULD_INCREASE, STOP_ALREADY_REACHED } from './orderRules';
import { BTC, expectedFee, filledQty, forOrder, harness, ofType, req, settle, T0, type Harness } from './testSupport';

/**
 * Two user buys, A then B, at the best bid behind the synthetic orders already there. Which of them
 * is ahead is then seen the way a trader sees it: a sell that takes everything in front of them plus
 * one lot fills the one at the front of the queue.
 */
async function twoInQueue(): Promise<{ h: Harness; bid: number; ahead: number }> {
  const h = harness();
  await h.venue.connect();
  const [bid, ahead] = h.venue.book(BTC)!.bids[0]!;
  h.venue.submit(req({ clientOrderId: 'A', price: bid, qty: 10 }));
  h.venue.submit(req({ clientOrderId: 'B', price: bid, qty: 10 }));
  await settle();
  return { h, bid, ahead };
}

/** Sells into the bid: everything ahead of the user orders plus one lot; returns who got that lot. */
async function whoIsFirst(h: Harness, ahead: number): Promise<string[]> {
  const seen = h.events.length;
  h.venue.submit(req({ clientOrderId: `probe-${seen}`, side: 'sell', type: 'market', tif: 'IOC', qty: ahead + 1 }));
  await settle();
  return ofType(h.events.slice(seen), 'orderFilled')
    .filter((f) => f.liquidity === 'maker')
    .map((f) => f.clientOrderId);
}

describe('SimVenue amend: queue priority', () => {
  it('keeps its place when the size decreases', async () => {
    const { h, bid, ahead } = await twoInQueue();
    h.venue.amend(BTC, 'A', { qty: 6 });
    await settle();
    expect(ofType(h.events, 'orderAmended')).toEqual([{ type: 'orderAmended', venue: 'SIM', clientOrderId: 'A', ts: T0, price: bid, qty: 6 }]);
    expect(h.venue.book(BTC)!.bids[0]).toEqual([bid, ahead + 16]);
    expect(await whoIsFirst(h, ahead)).toEqual(['A']);
    expect(await h.venue.queryOrder(BTC, 'A')).toMatchObject({ qty: 6, filledQty: 1, status: 'open' });
  });

  it('goes to the back of the queue when the size increases', async () => {
    const { h, bid, ahead } = await twoInQueue();
    h.venue.amend(BTC, 'A', { qty: 12 });
    await settle();
    expect(ofType(h.events, 'orderAmended')[0]).toMatchObject({ clientOrderId: 'A', price: bid, qty: 12 });
    expect(h.venue.book(BTC)!.bids[0]).toEqual([bid, ahead + 22]);
    expect(await whoIsFirst(h, ahead)).toEqual(['B']);
  });

  it('goes to the back of the queue at its new price when the price changes', async () => {
    const { h, bid, ahead } = await twoInQueue();
    h.venue.amend(BTC, 'A', { price: bid - 1 });
    h.venue.amend(BTC, 'A', { price: bid });
    await settle();
    expect(ofType(h.events, 'orderAmended').map((e) => e.price)).toEqual([bid - 1, bid]);
    expect(await whoIsFirst(h, ahead)).toEqual(['B']);
  });

  it('trades as a taker when the new price crosses, then rests the remainder at that price', async () => {
    const h = harness();
    await h.venue.connect();
    const { bids, asks } = h.venue.book(BTC)!;
    const [ask, askQty] = asks[0]!;
    const deep = bids[0]![0] - 200;
    h.venue.submit(req({ clientOrderId: 'X', price: deep, qty: askQty + 5 }));
    await settle();
    h.venue.amend(BTC, 'X', { price: ask });
    await settle();
    const mine = forOrder(h.events, 'X');
    expect(mine.map((e) => e.type)).toEqual(['orderAccepted', 'orderAmended', ...ofType(mine, 'orderFilled').map(() => 'orderFilled')]);
    const fills = ofType(mine, 'orderFilled');
    expect(fills.reduce((s, f) => s + f.qty, 0)).toBe(askQty);
    for (const f of fills) expect(f).toMatchObject({ liquidity: 'taker', price: ask, fee: expectedFee(ask * f.qty, 5) });
    expect(h.venue.book(BTC)!.bids[0]).toEqual([ask, 5]);
    expect(await h.venue.queryOrder(BTC, 'X')).toMatchObject({ price: ask, qty: askQty + 5, filledQty: askQty, status: 'open' });
  });

  it('counts the filled part in the total: an amend can shrink a partly filled order to what is left', async () => {
    const { h, ahead } = await twoInQueue();
    await whoIsFirst(h, ahead + 3); // A: 4 of 10 filled
    expect(filledQty(h.events, 'A')).toBe(4);
    h.venue.amend(BTC, 'A', { qty: 4 });
    h.venue.amend(BTC, 'A', { qty: 3 });
    h.venue.amend(BTC, 'A', { qty: 5 });
    await settle();
    expect(ofType(h.events, 'amendRejected').map((e) => e.reason)).toEqual([
      'the new quantity must be above the filled quantity (4 lots)',
      'the new quantity must be above the filled quantity (4 lots)',
    ]);
    expect(await h.venue.queryOrder(BTC, 'A')).toMatchObject({ qty: 5, filledQty: 4 });
  });
});

describe('SimVenue amend: stops', () => {
  it('gives an untriggered stop its new terms, which then decide when it triggers', async () => {
    const h = harness();
    await h.venue.connect();
    const asks = h.venue.book(BTC)!.asks;
    const [a0, a0Qty] = asks[0]!;
    h.venue.submit(req({ clientOrderId: 'S', type: 'stop_limit', tif: 'GTC', stopPrice: a0 + 500, price: a0 + 510, qty: 10 }));
    h.venue.amend(BTC, 'S', { stopPrice: a0 + 1, price: a0 + 200, qty: 12 });
    await settle();
    expect(ofType(h.events, 'orderAmended')).toEqual([
      { type: 'orderAmended', venue: 'SIM', clientOrderId: 'S', ts: T0, price: a0 + 200, stopPrice: a0 + 1, qty: 12 },
    ]);
    expect(await h.venue.openOrders()).toEqual([expect.objectContaining({ clientOrderId: 'S', status: 'untriggered', stopPrice: a0 + 1, qty: 12 })]);
    // Moving a stop onto a price the book already reached is refused like a new stop would be.
    h.venue.amend(BTC, 'S', { stopPrice: a0 });
    await settle();
    expect(ofType(h.events, 'amendRejected').map((e) => e.reason)).toEqual([STOP_ALREADY_REACHED]);
    // Now the amended stop price is what the book has to reach.
    h.venue.submit(req({ clientOrderId: 'lift', type: 'market', tif: 'IOC', qty: a0Qty }));
    await settle();
    expect(forOrder(h.events, 'S').map((e) => e.type).slice(0, 4)).toEqual(['orderAccepted', 'orderAmended', 'amendRejected', 'orderTriggered']);
    expect(filledQty(h.events, 'S')).toBe(12);
  });

  it('refuses to move the stop price of a stop that has triggered', async () => {
    const h = harness();
    await h.venue.connect();
    const [b0, b0Qty] = h.venue.book(BTC)!.bids[0]!;
    h.venue.submit(req({ clientOrderId: 'S', side: 'sell', type: 'stop_limit', tif: 'GTC', stopPrice: b0 - 1, price: b0, qty: 10 }));
    h.venue.submit(req({ clientOrderId: 'hit', side: 'sell', type: 'market', tif: 'IOC', qty: b0Qty }));
    // b0 + 1 may be the best ask already (a one-tick spread): the amended order joins that level.
    const there = h.venue.book(BTC)!.asks.find(([p]) => p === b0 + 1)?.[1] ?? 0;
    h.venue.amend(BTC, 'S', { stopPrice: b0 - 5 });
    h.venue.amend(BTC, 'S', { price: b0 + 1, qty: 8 });
    await settle();
    expect(ofType(h.events, 'amendRejected').map((e) => e.reason)).toEqual(['the stop has already triggered']);
    expect(await h.venue.queryOrder(BTC, 'S')).toMatchObject({ status: 'open', triggered: true, price: b0 + 1, qty: 8, stopPrice: b0 - 1 });
    expect(h.venue.book(BTC)!.asks.find(([p]) => p === b0 + 1)).toEqual([b0 + 1, there + 8]);
    expect(h.venue.book(BTC)!.asks.find(([p]) => p === b0)).toBeUndefined();
  });
});

describe('SimVenue amend: refusals', () => {
  it('says why, and leaves the order exactly as it was', async () => {
    const h = harness();
    await h.venue.connect();
    const { bids, asks } = h.venue.book(BTC)!;
    const bid = bids[0]![0];
    const ask = asks[0]![0];
    h.venue.submit(req({ clientOrderId: 'L', price: bid - 100, qty: 10 }));
    h.venue.submit(req({ clientOrderId: 'PO', price: bid - 100, qty: 10, postOnly: true }));
    h.venue.submit(req({ clientOrderId: 'SM', side: 'sell', type: 'stop_market', tif: 'GTC', stopPrice: bid - 100, qty: 10 }));
    h.venue.submit(req({ clientOrderId: 'gone', price: bid - 100, qty: 10 }));
    h.venue.submit(req({ clientOrderId: 'SOL', symbol: 'SOL-USDT', price: h.venue.book('SOL-USDT')!.bids[0]![0] - 50, qty: 300 }));
    h.venue.submit(req({ clientOrderId: 'long', type: 'market', tif: 'IOC', qty: 20 }));
    h.venue.submit(req({ clientOrderId: 'RO', side: 'sell', price: ask + 100, qty: 20, reduceOnly: true }));
    h.venue.cancel(BTC, 'gone');
    await settle();
    const before = await h.venue.openOrders();
    const book = h.venue.book(BTC);

    const attempts: [string, string, Parameters<typeof h.venue.amend>[2], string][] = [
      ['L', BTC, {}, 'nothing to amend'],
      ['L', BTC, { stopPrice: bid - 200 }, 'only stop orders have a stop price to amend'],
      ['L', BTC, { qty: 2.5 }, 'quantity must be a positive whole number of lots'],
      ['L', BTC, { price: 0 }, 'price must be a positive whole number of ticks'],
      ['SM', BTC, { price: bid - 90 }, 'only limit and stop-limit orders have a price to amend'],
      ['PO', BTC, { price: ask }, POST_ONLY_WOULD_CROSS],
      ['RO', BTC, { qty: 21 }, REDUCE_ONLY_WOULD_INCREASE],
      ['SOL', 'SOL-USDT', { qty: 1 }, 'order value below the minimum notional of 5.0000 USDT'],
      ['gone', BTC, { qty: 5 }, 'already closed'],
      ['never', BTC, { qty: 5 }, 'unknown order'],
      ['L', 'ETH-USDT', { qty: 5 }, 'unknown order'],
    ];
    for (const [id, symbol, change] of attempts) h.venue.amend(symbol, id, change);
    await settle();
    expect(ofType(h.events, 'amendRejected').map((e) => [e.clientOrderId, e.reason])).toEqual(attempts.map(([id, , , reason]) => [id, reason]));
    expect(ofType(h.events, 'orderAmended')).toEqual([]);
    expect(await h.venue.openOrders()).toEqual(before);
    expect(h.venue.book(BTC)).toEqual(book);

    await h.venue.disconnect();
    h.venue.amend(BTC, 'L', { qty: 5 });
    await settle();
    expect(ofType(h.events, 'amendRejected').at(-1)).toMatchObject({ clientOrderId: 'L', reason: 'venue not connected' });
  });
});
