import { describe, expect, it } from 'vitest';
import type { VenueEvent } from '../../../core';
import type { VenueOrderRequest } from '../../types';
import { INFY, instrumentOf as inst, kiteOrder as order, kiteSetup, NIFTY_FUT, ticksOf as ticks, waitUntil, type KiteSetup } from './kiteAdapter.fixture';


type Positions = Extract<VenueEvent, { type: 'venuePositions' }>;
type Balances = Extract<VenueEvent, { type: 'balances' }>;
const lastPositions = (s: KiteSetup): Positions | undefined => s.of('venuePositions').at(-1);
const lastBalances = (s: KiteSetup): Balances | undefined => s.of('balances').at(-1);

async function filled(s: KiteSetup, o: VenueOrderRequest): Promise<void> {
  s.adapter.submit(o);
  await waitUntil(() => s.of('orderFilled', o.clientOrderId).reduce((n, f) => n + f.qty, 0) === o.qty, `${o.clientOrderId} filled`);
}

describe('KiteAdapter portfolio against the loopback Kite venue', () => {
  it('reports margins and holdings as balances, and positions (net and day, per product, M2M) that move with fills', async () => {
    const s = await kiteSetup({ venue: { holdings: [{ instrument: 'NSE:SBIN', quantity: 10, averagePrice: '700', t1Quantity: 4 }] } });
    const first = lastBalances(s)!;
    expect(first.complete).toBe(true);
    expect(first.balances.find((b) => b.asset === 'INR equity')).toMatchObject({ free: '500000.00' });
    expect(first.balances.find((b) => b.asset === 'INR commodity')).toBeDefined();
    expect(first.balances.find((b) => b.asset === 'NSE:SBIN')).toMatchObject({ free: '10', t1: '4' });
    expect(lastPositions(s)).toMatchObject({ complete: true, positions: [] });

    const positionsBefore = s.of('venuePositions').length;
    await filled(s, order({ price: ticks(inst(s, INFY), '1574'), qty: 3, product: 'MIS' }));
    await waitUntil(() => s.of('venuePositions').length > positionsBefore && lastPositions(s)!.positions.length === 1, 'positions read after the fill');
    const p = lastPositions(s)!.positions[0]!;
    expect(p).toMatchObject({ symbol: INFY, qty: 3, entryPrice: ticks(inst(s, INFY), '1573.7') });
    expect(p.products).toEqual([expect.objectContaining({ product: 'MIS', netQty: 3, dayQty: 3, overnightQty: 0 })]);
    expect(typeof p.m2m).toBe('string');
    await waitUntil(() => Number(lastBalances(s)!.balances.find((b) => b.asset === 'INR equity')!.free) < 500_000, 'margin used');
  });

  it('converts an intraday F&O position to NRML (MIS -> NRML) and reads the positions again', async () => {
    const s = await kiteSetup({ venue: { funds: { equity: '10000000' } } });
    const fut = inst(s, NIFTY_FUT);
    await filled(s, order({ symbol: NIFTY_FUT, price: ticks(fut, '24200'), qty: 1, product: 'MIS' }));
    await s.adapter.convertPosition({ symbol: NIFTY_FUT, side: 'buy', qty: 1, from: 'MIS', to: 'NRML', positionType: 'day' });
    const p = lastPositions(s)!.positions.find((x) => x.symbol === NIFTY_FUT)!;
    expect(p.qty).toBe(1);
    expect(p.products!.find((x) => x.product === 'NRML')).toMatchObject({ netQty: 1 });
    expect(p.products!.find((x) => x.product === 'MIS')?.netQty ?? 0).toBe(0);
    // Kite's words when there is nothing to convert.
    await expect(s.adapter.convertPosition({ symbol: NIFTY_FUT, side: 'buy', qty: 1, from: 'MIS', to: 'NRML', positionType: 'day' })).rejects.toThrow(
      'Position not found. The position to convert does not exist or has less quantity.',
    );
  });

  it('places, lists, modifies and deletes GTTs, single and OCO', async () => {
    const s = await kiteSetup();
    const i = inst(s, INFY);
    const single = await s.adapter.placeGtt({ symbol: INFY, kind: 'single', lastPrice: ticks(i, '1573.7'), legs: [{ trigger: ticks(i, '1500'), side: 'buy', qty: 2, price: ticks(i, '1501'), product: 'CNC' }] });
    const oco = await s.adapter.placeGtt({
      symbol: INFY,
      kind: 'oco',
      lastPrice: ticks(i, '1573.7'),
      legs: [
        { trigger: ticks(i, '1500'), side: 'sell', qty: 1, price: ticks(i, '1499'), product: 'CNC' },
        { trigger: ticks(i, '1650'), side: 'sell', qty: 1, price: ticks(i, '1649'), product: 'CNC' },
      ],
    });
    let list = await s.adapter.listGtts();
    expect(list.map((g) => [g.id, g.kind, g.status])).toEqual(expect.arrayContaining([[single, 'single', 'active'], [oco, 'oco', 'active']]));
    expect(list.find((g) => g.id === oco)!.legs.map((l) => l.trigger)).toEqual([ticks(i, '1500'), ticks(i, '1650')]);

    await s.adapter.modifyGtt(single, { symbol: INFY, kind: 'single', lastPrice: ticks(i, '1573.7'), legs: [{ trigger: ticks(i, '1510'), side: 'buy', qty: 3, price: ticks(i, '1511'), product: 'CNC' }] });
    list = await s.adapter.listGtts();
    expect(list.find((g) => g.id === single)!.legs[0]).toMatchObject({ trigger: ticks(i, '1510'), qty: 3, price: ticks(i, '1511') });

    await s.adapter.deleteGtt(single);
    expect((await s.adapter.listGtts()).find((g) => g.id === single && g.status === 'active')).toBeUndefined();
    await expect(s.adapter.deleteGtt(single)).rejects.toThrow('Trigger not found.');
    await expect(s.adapter.placeGtt({ symbol: INFY, kind: 'oco', lastPrice: ticks(i, '1573.7'), legs: [{ trigger: ticks(i, '1500'), side: 'sell', qty: 1, price: ticks(i, '1499'), product: 'CNC' }] })).rejects.toThrow(
      'a oco GTT has 2 legs, not 1',
    );
  });

  it('kill switch: cancels every open Kite order (ours and others), deletes active GTTs, squares off MIS positions', async () => {
    const s = await kiteSetup();
    const i = inst(s, INFY);
    const ours = order({ price: ticks(i, '1570') });
    s.adapter.submit(ours);
    await waitUntil(() => s.of('orderAccepted', ours.clientOrderId).length === 1, 'ours accepted');
    // An order placed on Kite's web, unknown to the terminal.
    const web = await fetch(`${s.venue.restUrl}/orders/regular`, {
      method: 'POST',
      headers: { 'X-Kite-Version': '3', Authorization: `token kiteadaptertest01:${s.accessToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ exchange: 'NSE', tradingsymbol: 'SBIN', transaction_type: 'BUY', order_type: 'LIMIT', quantity: '1', price: '800', product: 'CNC', validity: 'DAY' }).toString(),
    });
    expect(web.status).toBe(200);
    await filled(s, order({ price: ticks(i, '1574'), qty: 2, product: 'MIS' }));
    const gtt = await s.adapter.placeGtt({ symbol: INFY, kind: 'single', lastPrice: ticks(i, '1573.7'), legs: [{ trigger: ticks(i, '1500'), side: 'buy', qty: 1, price: ticks(i, '1501'), product: 'CNC' }] });

    const report = await s.adapter.killSwitch({ flatten: true, deleteGtts: true });
    expect(report.failed).toEqual([]);
    expect(report.canceled).toHaveLength(2);
    expect(report.gttsDeleted).toEqual([gtt]);
    expect(report.squaredOff).toEqual([INFY]);
    const atKite = s.venue.control.orders() as { status: string; order_type: string }[];
    expect(atKite.filter((o) => o.status === 'OPEN' || o.status === 'TRIGGER PENDING')).toEqual([]);
    await waitUntil(() => (s.venue.control.positions() as { quantity: number }[]).every((p) => p.quantity === 0), 'flat at Kite');
    await waitUntil(() => s.of('orderCanceled', ours.clientOrderId).length === 1, 'our order reported canceled');
    expect(lastPositions(s)!.positions.every((p) => p.qty === 0)).toBe(true);
  });

  it('kill switch without flatten, and GTTs kept by the trader\'s setting: orders canceled, position and GTT left alone', async () => {
    const s = await kiteSetup();
    const i = inst(s, INFY);
    await filled(s, order({ price: ticks(i, '1574'), qty: 1, product: 'MIS' }));
    const resting = order({ price: ticks(i, '1570') });
    s.adapter.submit(resting);
    await waitUntil(() => s.of('orderAccepted', resting.clientOrderId).length === 1, 'accepted');
    const gtt = await s.adapter.placeGtt({ symbol: INFY, kind: 'single', lastPrice: ticks(i, '1573.7'), legs: [{ trigger: ticks(i, '1500'), side: 'buy', qty: 1, price: ticks(i, '1501'), product: 'CNC' }] });
    const report = await s.adapter.killSwitch({ flatten: false });
    expect(report).toMatchObject({ failed: [], gttsDeleted: [], squaredOff: [] });
    expect(report.canceled).toHaveLength(1);
    expect((await s.adapter.listGtts()).find((g) => g.id === gtt)!.status).toBe('active');
    expect((s.venue.control.positions() as { quantity: number }[]).map((p) => p.quantity)).toEqual([1]);
  });

  it('kill switch says which calls failed, in Kite\'s words', async () => {
    const s = await kiteSetup();
    const ours = order({ price: ticks(inst(s, INFY), '1570') });
    s.adapter.submit(ours);
    await waitUntil(() => s.of('orderAccepted', ours.clientOrderId).length === 1, 'accepted');
    // Every request refused (429) beyond the adapter's retries: nothing goes through, and the report says so.
    s.venue.faults.rejectNextRequests(1_000);
    const report = await s.adapter.killSwitch({ flatten: true, deleteGtts: true });
    expect(report.failed.map((f) => f.call)).toEqual(expect.arrayContaining(['GET /orders', 'GET /gtt/triggers', 'GET /portfolio/positions']));
    expect(report.failed[0]!.reason).toContain('Too many requests (429)');
  });
});
