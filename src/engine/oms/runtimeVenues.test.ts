import { describe, expect, it } from 'vitest';
import { engineDirs } from './simEngine.fixture';

const engines = engineDirs();

describe('venues joining and leaving the OMS at run time', () => {
  it('a venue that leaves keeps its working orders; nothing is sent to it; when it is back, reconcile books what happened meanwhile', async () => {
    const e = await engines.start();
    const price = e.touch('BTC-USDT', 'bid') - 1;
    const placed = e.oms.submit({ clientOrderId: 'rest-1', venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price, qty: 30 }, 'ticket');
    expect(placed.ok).toBe(true);
    await e.settle();
    expect(e.oms.get('rest-1')?.status).toBe('accepted');

    expect(e.oms.removeVenue('SIM').map((o) => o.clientOrderId)).toEqual(['rest-1']);
    expect(e.oms.hasVenue('SIM')).toBe(false);
    expect(e.oms.get('rest-1')?.status).toBe('accepted');
    expect(e.oms.cancel('rest-1', 'ticket')).toMatchObject({ ok: false, error: { code: 'VENUE_UNAVAILABLE' } });
    expect(e.oms.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price, qty: 1 }, 'ticket')).toMatchObject({ ok: false, error: { code: 'VENUE_UNAVAILABLE' } });

    // While it is away, someone sells through the bids ahead of ours and 12 into it: the OMS hears nothing.
    const ahead = e.venue.book('BTC-USDT', 50)!.bids.filter(([p]) => p >= price).reduce((sum, [, q]) => sum + q, 0) - 30;
    e.venue.submit({ clientOrderId: 'other-1', symbol: 'BTC-USDT', side: 'sell', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price, qty: ahead + 12 });
    await e.settle();
    expect(e.oms.get('rest-1')?.filledQty).toBe(0);

    expect(e.oms.addVenue(e.venue)).toEqual({ ok: true, value: undefined });
    expect(e.oms.addVenue(e.venue)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'venue SIM is already connected to the OMS' } });
    const [report] = await e.oms.reconcile('SIM');
    await e.settle();
    expect(report?.missedFills.length).toBeGreaterThan(0);
    expect(e.oms.get('rest-1')).toMatchObject({ status: 'partially_filled', filledQty: 12 });
    expect(e.portfolio.position('SIM', 'BTC-USDT')).toMatchObject({ qty: 12 });
    expect(e.oms.cancel('rest-1', 'ticket').ok).toBe(true);
    await e.settle();
    expect(e.oms.get('rest-1')?.status).toBe('canceled');
  });

  it('reconcile(venue) asks only that venue', async () => {
    const e = await engines.start({ venueIds: ['SIM-A', 'SIM-B'] });
    expect((await e.oms.reconcile('SIM-B')).map((r) => r.venue)).toEqual(['SIM-B']);
    expect((await e.oms.reconcile()).map((r) => r.venue)).toEqual(['SIM-A', 'SIM-B']);
  });
});
