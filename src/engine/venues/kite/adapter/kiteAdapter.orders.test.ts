import { describe, expect, it } from 'vitest';
import { INFY, instrumentOf as inst, kiteOrder, kiteSetup, MONDAY_16_IST, ticksOf as ticks, waitUntil, type KiteSetup } from './kiteAdapter.fixture';
import { KiteAdapter } from './kiteAdapter';
import { tagOf } from './kiteTag';

const venueOrders = (s: KiteSetup) => s.venue.control.orders() as { order_id: string; status: string; tag: string | null; price: number; quantity: number }[];

describe('KiteAdapter orders against the loopback Kite venue', () => {
  it('declares Kite\'s products and after-market orders, which the OMS requires before it lets such an order through', async () => {
    const s = await kiteSetup();
    expect([...(s.adapter.products ?? [])].sort()).toEqual(['CNC', 'MIS', 'NRML']);
    expect(s.adapter.afterMarketOrders).toBe(true);
  });

  it('connects with the day\'s token, and places, modifies and cancels a resting LIMIT order, its clientOrderId in the tag', async () => {
    const s = await kiteSetup();
    expect(s.of('connection').map((e) => e.state)).toEqual(['connecting', 'connected']);
    const o = kiteOrder({ price: ticks(inst(s), '1570') });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderAccepted', o.clientOrderId).length === 1, 'accepted');
    const atKite = venueOrders(s);
    expect(atKite).toHaveLength(1);
    expect(atKite[0]!.tag).toBe((tagOf(o.clientOrderId) as { tag: string }).tag);
    expect(s.of('orderAccepted', o.clientOrderId)[0]!.venueOrderId).toBe(atKite[0]!.order_id);

    s.adapter.amend(INFY, o.clientOrderId, { price: ticks(inst(s), '1571.5'), qty: 3 });
    await waitUntil(() => s.of('orderAmended', o.clientOrderId).length === 1, 'amended');
    expect(s.of('orderAmended', o.clientOrderId)[0]).toMatchObject({ price: ticks(inst(s), '1571.5'), qty: 3 });
    expect(venueOrders(s)[0]).toMatchObject({ price: 1571.5, quantity: 3 });

    s.adapter.cancel(INFY, o.clientOrderId);
    await waitUntil(() => s.of('orderCanceled', o.clientOrderId).length === 1, 'canceled');
    expect(venueOrders(s)[0]!.status).toBe('CANCELLED');
    await s.adapter.idle();
    expect(s.of('orderCanceled', o.clientOrderId)).toHaveLength(1);
  });

  it('reports each partial fill once, from the postbacks and the order\'s trades alike, then the fill of the rest', async () => {
    const s = await kiteSetup();
    s.venue.faults.partialFills(2, 1);
    const o = kiteOrder({ price: ticks(inst(s), '1574'), qty: 5 });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderFilled', o.clientOrderId).length === 1, 'first partial fill');
    expect(s.of('orderFilled', o.clientOrderId)[0]).toMatchObject({ qty: 2, price: ticks(inst(s), '1573.7') });
    s.venue.control.setPrice(INFY, '1573');
    await waitUntil(() => s.of('orderFilled', o.clientOrderId).reduce((n, f) => n + f.qty, 0) === 5, 'the rest filled');
    await s.adapter.idle();
    const fills = s.of('orderFilled', o.clientOrderId);
    expect(new Set(fills.map((f) => f.fillId)).size).toBe(fills.length);
    expect(fills.reduce((n, f) => n + f.qty, 0)).toBe(5);
    // The trade book says the same, each fill once.
    const history = await s.adapter.fillsSince(0);
    expect(history.filter((f) => f.clientOrderId === o.clientOrderId).map((f) => f.fillId).sort()).toEqual(fills.map((f) => f.fillId).sort());
  });

  it('an SL order waits untriggered, has its trigger amended, then triggers and fills', async () => {
    const s = await kiteSetup();
    const i = inst(s);
    const o = kiteOrder({ type: 'stop_limit', stopPrice: ticks(i, '1580'), price: ticks(i, '1582'), qty: 1 });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderAccepted', o.clientOrderId).length === 1, 'accepted');
    expect((await s.adapter.openOrders()).find((x) => x.clientOrderId === o.clientOrderId)).toMatchObject({ status: 'untriggered', type: 'stop_limit', stopPrice: ticks(i, '1580') });
    s.adapter.amend(INFY, o.clientOrderId, { stopPrice: ticks(i, '1576'), price: ticks(i, '1578') });
    await waitUntil(() => s.of('orderAmended', o.clientOrderId).length === 1, 'amended');
    expect(s.of('orderAmended', o.clientOrderId)[0]).toMatchObject({ stopPrice: ticks(i, '1576'), price: ticks(i, '1578'), qty: 1 });
    s.venue.control.setPrice(INFY, '1576.5');
    await waitUntil(() => s.of('orderFilled', o.clientOrderId).length === 1, 'triggered and filled');
    const kinds = s.events.filter((e) => 'clientOrderId' in e && e.clientOrderId === o.clientOrderId).map((e) => e.type);
    expect(kinds.indexOf('orderTriggered')).toBeGreaterThan(kinds.indexOf('orderAmended'));
    expect(kinds.indexOf('orderTriggered')).toBeLessThan(kinds.indexOf('orderFilled'));
  });

  it('a cancel whose answer is lost is said so, and the order\'s own update then reports it canceled', async () => {
    const s = await kiteSetup();
    const o = kiteOrder({ price: ticks(inst(s), '1570') });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderAccepted', o.clientOrderId).length === 1, 'accepted');
    s.venue.faults.swallowNextAck('cancel');
    s.adapter.cancel(INFY, o.clientOrderId);
    await waitUntil(() => s.of('cancelRejected', o.clientOrderId).length === 1, 'cancel answer lost');
    expect(s.of('cancelRejected', o.clientOrderId)[0]!.reason).toMatch(/^no answer from Kite to the cancel .*unknown until it is queried$/);
    await waitUntil(() => s.of('orderCanceled', o.clientOrderId).length === 1, 'canceled, from its update');
    expect(venueOrders(s)[0]!.status).toBe('CANCELLED');
  });

  it('rejects in Kite\'s own words, and refuses before sending what Kite could not take as asked', async () => {
    const s = await kiteSetup();
    const big = kiteOrder({ price: ticks(inst(s), '1574'), qty: 100_000 });
    s.adapter.submit(big);
    await waitUntil(() => s.of('orderRejected', big.clientOrderId).length === 1, 'rejected');
    expect(s.of('orderRejected', big.clientOrderId)[0]!.reason).toMatch(/^Insufficient funds\. Required margin is/);

    const noProduct = kiteOrder({ price: ticks(inst(s), '1570'), product: undefined });
    const gtc = kiteOrder({ price: ticks(inst(s), '1570'), tif: 'GTC' });
    const nrml = kiteOrder({ price: ticks(inst(s), '1570'), product: 'NRML' });
    for (const o of [noProduct, gtc, nrml]) s.adapter.submit(o);
    await waitUntil(() => [noProduct, gtc, nrml].every((o) => s.of('orderRejected', o.clientOrderId).length === 1), 'refused');
    expect(s.of('orderRejected', noProduct.clientOrderId)[0]!.reason).toContain('needs a product: CNC (delivery), MIS (intraday) or NRML');
    expect(s.of('orderRejected', gtc.clientOrderId)[0]!.reason).toContain('Kite has no GTC validity');
    expect(s.of('orderRejected', nrml.clientOrderId)[0]!.reason).toBe('Product `NRML` is not allowed for NSE.');
    // Kite refused the big one before making it an order; the three refused here never reached Kite.
    expect(venueOrders(s)).toHaveLength(0);
  });

  it('places an AMO outside market hours, refuses a regular order then in Kite\'s words, and reports an AMO the exchange rejects', async () => {
    const s = await kiteSetup({ at: MONDAY_16_IST });
    const amo = kiteOrder({ price: ticks(inst(s), '1570'), afterMarket: true });
    s.adapter.submit(amo);
    await waitUntil(() => s.of('orderAccepted', amo.clientOrderId).length === 1, 'AMO accepted');
    const open = await s.adapter.openOrders();
    expect(open.find((o) => o.clientOrderId === amo.clientOrderId)).toMatchObject({ afterMarket: true, status: 'open', product: 'CNC' });

    const regular = kiteOrder({ price: ticks(inst(s), '1570') });
    s.adapter.submit(regular);
    await waitUntil(() => s.of('orderRejected', regular.clientOrderId).length === 1, 'regular refused');
    expect(s.of('orderRejected', regular.clientOrderId)[0]!.reason).toBe('Markets are closed right now. Use GTT for placing long standing orders instead.');

    s.venue.faults.rejectNextAmo();
    const rejected = kiteOrder({ price: ticks(inst(s), '1570'), afterMarket: true });
    s.adapter.submit(rejected);
    await waitUntil(() => s.of('orderRejected', rejected.clientOrderId).length === 1, 'AMO rejected');
    expect(s.of('orderRejected', rejected.clientOrderId)[0]!.reason).toContain('AMO order rejected by the exchange');
  });

  it('a lost placement answer shows the order Unknown, finds it by its tag and never sends it again', async () => {
    // Without the ticker's order updates, so that only the search by tag can find it.
    const s = await kiteSetup({ adapter: { orderUpdates: undefined } });
    s.venue.faults.swallowNextAck('place');
    const o = kiteOrder({ price: ticks(inst(s), '1570') });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderAccepted', o.clientOrderId).length === 1, 'found and accepted');
    const unknownAt = s.events.findIndex((e) => e.type === 'orderUnknown' && e.clientOrderId === o.clientOrderId);
    const acceptedAt = s.events.findIndex((e) => e.type === 'orderAccepted' && e.clientOrderId === o.clientOrderId);
    expect(unknownAt).toBeGreaterThanOrEqual(0);
    expect(unknownAt).toBeLessThan(acceptedAt);
    expect(venueOrders(s)).toHaveLength(1);
  });

  it('a lost answer whose order update came first shows no Unknown: Kite already said', async () => {
    const s = await kiteSetup();
    s.venue.faults.swallowNextAck('place');
    const o = kiteOrder({ price: ticks(inst(s), '1570') });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderAccepted', o.clientOrderId).length === 1, 'accepted from its update');
    await waitUntil(() => s.logger.lines.some((l) => l.message?.includes('answer never came')), 'the lost answer noticed');
    await s.adapter.idle();
    expect(s.of('orderUnknown', o.clientOrderId)).toHaveLength(0);
    expect(venueOrders(s)).toHaveLength(1);
  });

  it('goes down when the token expires mid-session, refuses every order with the reason, and never retries one', async () => {
    let expired = '';
    const s = await kiteSetup({ adapter: { onSessionExpired: (r) => (expired = r) } });
    s.venue.faults.expireAccessTokens();
    const o = kiteOrder({ price: ticks(inst(s), '1570') });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderRejected', o.clientOrderId).length === 1, 'rejected');
    expect(s.of('orderRejected', o.clientOrderId)[0]!.reason).toMatch(/^Kite session expired: log in again \(Kite: .*\); the order was not sent$/);
    expect(s.of('connection').at(-1)).toMatchObject({ state: 'disconnected', reason: 'Kite session expired: log in again' });
    expect(expired).toBe('Kite session expired: log in again');
    const after = kiteOrder({ price: ticks(inst(s), '1570') });
    s.adapter.submit(after);
    expect(s.of('orderRejected', after.clientOrderId)[0]!.reason).toBe('Kite session expired: log in again');
    await expect(s.adapter.openOrders()).rejects.toThrow('Kite session expired: log in again');
    expect(venueOrders(s)).toHaveLength(0);
  });

  it('backs off on 429 and sends the request once Kite takes requests again', async () => {
    const s = await kiteSetup();
    s.venue.faults.rejectNextRequests(2);
    const o = kiteOrder({ price: ticks(inst(s), '1570') });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderAccepted', o.clientOrderId).length === 1, 'accepted after backing off');
    expect(s.logger.lines.filter((l) => l.message?.includes('429'))).toHaveLength(2);
    expect(venueOrders(s)).toHaveLength(1);
  });

  it('keeps to Kite\'s order rate with its real limits: a burst of 12 is all taken, none refused with 429', async () => {
    const s = await kiteSetup({ venue: { limits: { ordersPerSecond: 10, ordersPerMinute: 200, quotesPerSecond: 1, otherPerSecond: 10 } }, adapter: { pacer: undefined } });
    const burst = Array.from({ length: 12 }, () => kiteOrder({ price: ticks(inst(s), '1570') }));
    for (const o of burst) s.adapter.submit(o);
    await waitUntil(() => burst.every((o) => s.of('orderAccepted', o.clientOrderId).length === 1), 'all accepted', 1500);
    expect(s.logger.lines.filter((l) => l.message?.includes('429'))).toHaveLength(0);
    expect(venueOrders(s)).toHaveLength(12);
  });

  it('after a restart, a new adapter finds its orders by tag: open orders, query, cancel', async () => {
    const s = await kiteSetup();
    const o = kiteOrder({ price: ticks(inst(s), '1570') });
    s.adapter.submit(o);
    await waitUntil(() => s.of('orderAccepted', o.clientOrderId).length === 1, 'accepted');
    const restarted = new KiteAdapter({
      account: { name: 'kite', apiKey: 'kiteadaptertest01', restUrl: s.venue.restUrl },
      accessToken: () => s.accessToken,
      instruments: async () => s.instruments,
      clock: s.clock,
      logger: s.logger,
      random: () => 0.5,
      portfolioRefreshMs: 60_000,
    });
    const events: { type: string; clientOrderId?: string }[] = [];
    restarted.onEvent((e) => events.push(e as { type: string }));
    await restarted.connect();
    try {
      const open = await restarted.openOrders();
      expect(open.map((x) => x.clientOrderId)).toEqual([o.clientOrderId]);
      expect(await restarted.queryOrder(INFY, o.clientOrderId)).toMatchObject({ clientOrderId: o.clientOrderId, status: 'open', qty: 1, price: ticks(inst(s), '1570') });
      restarted.cancel(INFY, o.clientOrderId);
      await waitUntil(() => events.some((e) => e.type === 'orderCanceled' && e.clientOrderId === o.clientOrderId), 'canceled by the new adapter');
    } finally {
      await restarted.disconnect();
    }
  });
});
