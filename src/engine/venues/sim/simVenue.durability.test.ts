import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import { SIM_STATE_FILE, loadSimState } from './persistence';
import { advanceUntil, forOrder, harness, ofType, settle, T0 } from './testSupport';

const BTC = 'BTC-USDT';
let dataDir: string;

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-venue-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('SimVenue durability', () => {
  it('keeps a resting order across a restart; it can be canceled on the new venue', async () => {
    const first = harness({ dataDir, seed: 9 });
    await first.venue.connect();
    first.clock.advance(3_000);
    const deep = first.venue.book(BTC)!.bids[0]![0] - 300;
    first.venue.submit({ clientOrderId: 'keep', symbol: BTC, side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, price: deep, qty: 40 });
    await settle();
    const [saved] = await first.venue.openOrders();
    // Written on the clock's next turn after the order changed, before any disconnect.
    first.clock.advance(0);
    expect(loadSimState(dataDir)).toMatchObject({ ok: true, state: { orders: [{ clientOrderId: 'keep', price: deep, qty: 40 }] } });
    first.clock.advance(5_000);
    await first.venue.disconnect();
    const fairAtExit = first.venue.book(BTC)!;

    const second = harness({ dataDir, seed: 9 }, new SimulatedClock(T0 + 3_600_000));
    expect(await second.venue.openOrders()).toEqual([saved]);
    await second.venue.connect();
    const snap = ofType(second.events, 'bookSnapshot').find((s) => s.symbol === BTC)!;
    expect(snap.bids.find(([p]) => p === deep)?.[1]).toBeGreaterThanOrEqual(40);
    // The market continues from where it was, not from the configured start price.
    expect(Math.abs(snap.bids[0]![0] / fairAtExit.bids[0]![0] - 1)).toBeLessThan(0.0005);

    second.venue.cancel(BTC, 'keep');
    await settle();
    expect(forOrder(second.events, 'keep')).toEqual([
      { type: 'orderCanceled', venue: 'SIM', clientOrderId: 'keep', ts: T0 + 3_600_000 },
    ]);
    expect(await second.venue.openOrders()).toEqual([]);
    await second.venue.disconnect();

    const third = harness({ dataDir, seed: 9 }, new SimulatedClock(T0 + 7_200_000));
    expect(await third.venue.openOrders()).toEqual([]);
  });

  it('keeps a partly filled order working after a restart, where it goes on filling as a maker', async () => {
    const first = harness({ dataDir, seed: 21 });
    await first.venue.connect();
    const { asks } = first.venue.book(BTC)!;
    // Buy a little more than the best ask offers at a price above it: a partial fill, then resting.
    const crossQty = asks[0]![1];
    first.venue.submit({
      clientOrderId: 'restart-fill',
      symbol: BTC,
      side: 'buy',
      type: 'limit',
      tif: 'GTC',
      postOnly: false,
      price: asks[0]![0],
      qty: crossQty + 25,
    });
    await settle();
    await first.venue.disconnect();
    const [saved] = await first.venue.openOrders();
    expect(saved).toMatchObject({ clientOrderId: 'restart-fill', filledQty: crossQty, qty: crossQty + 25 });
    const firstFillIds = ofType(first.events, 'orderFilled').map((f) => f.fillId);

    const second = harness({ dataDir, seed: 21 }, new SimulatedClock(T0 + 60_000));
    await second.venue.connect();
    expect(await second.venue.openOrders()).toEqual([saved]);
    const filled = (): number => ofType(forOrder(second.events, 'restart-fill'), 'orderFilled').reduce((s, f) => s + f.qty, 0);
    await advanceUntil(second, () => filled() === 25, 300);
    expect(filled()).toBe(25);
    const fills = ofType(second.events, 'orderFilled');
    expect(fills.every((f) => f.liquidity === 'maker' && f.price === saved!.price)).toBe(true);
    // Fill ids continue from the saved counter: none repeats one from before the restart.
    expect(fills.some((f) => firstFillIds.includes(f.fillId))).toBe(false);
    expect(await second.venue.openOrders()).toEqual([]);
  });

  it('starts afresh, keeps the unreadable file aside and says so when the state file is corrupt', async () => {
    fs.writeFileSync(path.join(dataDir, SIM_STATE_FILE), '{"version": 1, "orders": "nope"');
    const h = harness({ dataDir });
    expect(h.venue.restoreProblem).toMatch(/not valid JSON/);
    await h.venue.connect();
    expect(h.events[0]).toMatchObject({ type: 'connection', state: 'connected', reason: expect.stringMatching(/starting afresh/) });
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith(`${SIM_STATE_FILE}.unreadable-`))).toBe(true);
    expect(await h.venue.openOrders()).toEqual([]);
  });

  it('writes its state atomically, leaving no temporary file behind', async () => {
    const h = harness({ dataDir });
    await h.venue.connect();
    h.venue.submit({ clientOrderId: 'x', symbol: BTC, side: 'sell', type: 'limit', tif: 'GTC', postOnly: false, price: 2_000_000, qty: 10 });
    await h.venue.disconnect();
    expect(fs.readdirSync(dataDir)).toEqual([SIM_STATE_FILE]);
  });
});
