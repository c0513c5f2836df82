import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../core';
import { JOURNAL_DIR, openJournal, RECORD_HEADER_BYTES } from '../../storage';
import type { VenueOrderState } from '../types';
import { SIM_VENUES_DIR, simVenueDir, SNAPSHOT_EVERY_RECORDS } from './ledgerJournal';
import { encodeLedgerRecord } from './ledgerRecords';
import { SIM_STATE_FILE, loadSimState } from './persistence';
import type { SimVenue } from './simVenue';
import { advanceUntil, BTC, filledQty, forOrder, harness, ofType, req, settle, T0 } from './testSupport';

let dataDir: string;
const made: string[] = [];

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-venue-'));
  made.push(dataDir);
});
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const journalDir = (dir = dataDir): string => path.join(simVenueDir(dir, 'SIM'), JOURNAL_DIR);
const segments = (dir = dataDir): string[] =>
  fs
    .readdirSync(journalDir(dir))
    .filter((n) => n.startsWith('journal-'))
    .sort()
    .map((n) => path.join(journalDir(dir), n));
const snapshots = (dir = dataDir): string[] => fs.readdirSync(journalDir(dir)).filter((n) => n.endsWith('.snap'));

/** Everything the venue reports about the user, for before/after comparisons. */
async function userState(venue: SimVenue, ids: string[]): Promise<unknown> {
  const queried: Record<string, VenueOrderState | undefined> = {};
  for (const id of ids) queried[id] = await venue.queryOrder(BTC, id);
  return { open: await venue.openOrders(), queried, fills: await venue.fillsSince(0), positions: venue.positions() };
}

describe('SimVenue durability', () => {
  it('keeps a resting order across a restart; it can be canceled on the new venue', async () => {
    const first = harness({ dataDir, seed: 9 });
    await first.venue.connect();
    first.clock.advance(3_000);
    const deep = first.venue.book(BTC)!.bids[0]![0] - 300;
    first.venue.submit(req({ clientOrderId: 'keep', price: deep, qty: 40 }));
    await settle();
    const [saved] = await first.venue.openOrders();
    expect(saved).toMatchObject({ clientOrderId: 'keep', price: deep, qty: 40, status: 'open', type: 'limit', tif: 'GTC' });
    first.clock.advance(5_000);
    await first.venue.disconnect();
    const fairAtExit = first.venue.book(BTC)!;
    // The market file holds the market only: orders live in the order journal.
    expect(loadSimState(dataDir)).toMatchObject({ ok: true, state: { version: 2 } });
    expect(JSON.stringify(loadSimState(dataDir))).not.toContain('keep');

    const second = harness({ dataDir, seed: 9 }, new SimulatedClock(T0 + 3_600_000));
    expect(second.venue.restoreProblem).toBeUndefined();
    expect(await second.venue.openOrders()).toEqual([saved]);
    await second.venue.connect();
    const snap = ofType(second.events, 'bookSnapshot').find((s) => s.symbol === BTC)!;
    expect(snap.bids.find(([p]) => p === deep)?.[1]).toBeGreaterThanOrEqual(40);
    // The market continues from where it was, not from the configured start price.
    expect(Math.abs(snap.bids[0]![0] / fairAtExit.bids[0]![0] - 1)).toBeLessThan(0.0005);

    second.venue.cancel(BTC, 'keep');
    await settle();
    expect(forOrder(second.events, 'keep')).toEqual([{ type: 'orderCanceled', venue: 'SIM', clientOrderId: 'keep', ts: T0 + 3_600_000 }]);
    expect(await second.venue.openOrders()).toEqual([]);
    await second.venue.disconnect();

    const third = harness({ dataDir, seed: 9 }, new SimulatedClock(T0 + 7_200_000));
    expect(await third.venue.openOrders()).toEqual([]);
    expect(await third.venue.queryOrder(BTC, 'keep')).toMatchObject({ status: 'canceled', updatedAt: T0 + 3_600_000 });
  });

  it('keeps a partly filled order working after a restart, where it goes on filling as a maker', async () => {
    const first = harness({ dataDir, seed: 21 });
    await first.venue.connect();
    const { asks } = first.venue.book(BTC)!;
    // Buy a little more than the best ask offers at a price above it: a partial fill, then resting.
    const crossQty = asks[0]![1];
    first.venue.submit(req({ clientOrderId: 'restart-fill', price: asks[0]![0], qty: crossQty + 25 }));
    await settle();
    await first.venue.disconnect();
    const [saved] = await first.venue.openOrders();
    expect(saved).toMatchObject({ clientOrderId: 'restart-fill', filledQty: crossQty, qty: crossQty + 25 });
    const firstFillIds = ofType(first.events, 'orderFilled').map((f) => f.fillId);

    const second = harness({ dataDir, seed: 21 }, new SimulatedClock(T0 + 60_000));
    await second.venue.connect();
    expect(await second.venue.openOrders()).toEqual([saved]);
    const filled = (): number => filledQty(second.events, 'restart-fill');
    await advanceUntil(second, () => filled() === 25, 300);
    expect(filled()).toBe(25);
    const fills = ofType(second.events, 'orderFilled');
    expect(fills.every((f) => f.liquidity === 'maker' && f.price === saved!.price)).toBe(true);
    // Fill ids continue from the journaled counter: none repeats one from before the restart.
    expect(fills.some((f) => firstFillIds.includes(f.fillId))).toBe(false);
    expect(await second.venue.openOrders()).toEqual([]);
    expect((await second.venue.fillsSince(0)).map((f) => f.fillId)).toEqual([...firstFillIds, ...fills.map((f) => f.fillId)]);
    expect(second.venue.positions()).toEqual({ [BTC]: crossQty + 25 });
  });

  it('survives a crash: working orders, stops, closed orders, fills and positions all come back once', async () => {
    const first = harness({ dataDir, seed: 9 });
    await first.venue.connect();
    const { bids, asks } = first.venue.book(BTC)!;
    const deep = bids[0]![0] - 300;
    first.venue.submit(req({ clientOrderId: 'rest', price: deep, qty: 40 }));
    first.venue.submit(req({ clientOrderId: 'mkt', side: 'sell', type: 'market', tif: 'IOC', qty: 30 }));
    first.venue.submit(req({ clientOrderId: 'part', price: asks[0]![0], qty: asks[0]![1] + 25 }));
    first.venue.submit(req({ clientOrderId: 'stop', side: 'sell', type: 'stop_limit', tif: 'GTC', stopPrice: deep, price: deep - 5, qty: 15 }));
    first.venue.submit(req({ clientOrderId: 'gtd', tif: 'GTD', price: deep - 1, qty: 10, expireAt: T0 + 86_400_000 }));
    first.venue.submit(req({ clientOrderId: 'ioc', tif: 'IOC', price: deep, qty: 10 }));
    first.venue.submit(req({ clientOrderId: 'canc', price: deep, qty: 10 }));
    first.venue.cancel(BTC, 'canc');
    first.venue.amend(BTC, 'rest', { qty: 30 });
    await settle();
    const ids = ['rest', 'part', 'stop', 'gtd', 'mkt', 'ioc', 'canc'];
    const before = await userState(first.venue, ids);
    expect((await first.venue.openOrders()).map((o) => [o.clientOrderId, o.status])).toEqual([
      ['rest', 'open'],
      ['part', 'open'],
      ['stop', 'untriggered'],
      ['gtd', 'open'],
    ]);
    // Bought the best ask's quantity, sold 30.
    expect(first.venue.positions()).toEqual(asks[0]![1] === 30 ? {} : { [BTC]: asks[0]![1] - 30 });
    // The process dies here: no disconnect(), no final save.

    const second = harness({ dataDir, seed: 9 }, new SimulatedClock(T0 + 1_000));
    expect(second.venue.restoreProblem).toBeUndefined();
    expect(await userState(second.venue, ids)).toEqual(before);
    await second.venue.connect();
    await settle();
    // Each working order rests once: canceling one takes exactly its remainder off its level.
    const restLevel = second.venue.book(BTC)!.bids.find(([p]) => p === deep)![1];
    second.venue.cancel(BTC, 'rest');
    await settle();
    expect(ofType(second.events, 'bookDelta').at(-1)!.changes).toContainEqual({ side: 'buy', price: deep, qty: restLevel - 30 });
    second.venue.submit(req({ clientOrderId: 'after', type: 'market', tif: 'IOC', qty: 10 }));
    await settle();
    const oldFills = (before as { fills: { fillId: string }[] }).fills;
    const all = await second.venue.fillsSince(0);
    expect(all.slice(0, oldFills.length)).toEqual(oldFills);
    expect(all.length).toBe(oldFills.length + ofType(forOrder(second.events, 'after'), 'orderFilled').length);
    expect(new Set(all.map((f) => f.fillId)).size).toBe(all.length);
    const afterSecond = await userState(second.venue, [...ids, 'after']);

    // A second crash and replay gives the same again: nothing is applied twice.
    const third = harness({ dataDir, seed: 9 }, new SimulatedClock(T0 + 2_000));
    expect(await userState(third.venue, [...ids, 'after'])).toEqual(afterSecond);
  });

  it('reports an event only once the change it reports is on disk', async () => {
    const copies: string[] = [];
    const h = harness({ dataDir });
    h.venue.onEvent((e) => {
      if (e.type !== 'orderAccepted' && e.type !== 'orderFilled') return;
      // What a crash at this very moment would leave behind.
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-venue-copy-'));
      made.push(copy);
      fs.cpSync(dataDir, copy, { recursive: true });
      copies.push(copy);
    });
    await h.venue.connect();
    h.venue.submit(req({ clientOrderId: 'w', type: 'market', tif: 'IOC', qty: 5 }));
    await settle();
    expect(copies.length).toBeGreaterThanOrEqual(2);
    for (const copy of copies) {
      const restarted = harness({ dataDir: copy }, new SimulatedClock(T0 + 1));
      expect(await restarted.venue.queryOrder(BTC, 'w')).toMatchObject({ status: 'filled', filledQty: 5 });
      expect((await restarted.venue.fillsSince(0)).reduce((s, f) => s + f.qty, 0)).toBe(5);
    }
  });

  it('cuts a torn journal tail, reports it, and restores everything before it', async () => {
    const first = harness({ dataDir, seed: 4 });
    await first.venue.connect();
    const deep = first.venue.book(BTC)!.bids[0]![0] - 300;
    first.venue.submit(req({ clientOrderId: 'a', price: deep, qty: 10 }));
    first.venue.submit(req({ clientOrderId: 'b', price: deep, qty: 10 }));
    await settle();
    first.venue.cancel(BTC, 'b');
    await settle();
    // A crash in the middle of writing the cancel: its record is cut short.
    const segment = segments().at(-1)!;
    fs.truncateSync(segment, fs.statSync(segment).size - 7);

    const second = harness({ dataDir, seed: 4 }, new SimulatedClock(T0 + 1_000));
    expect(second.venue.restoreProblem).toMatch(/^order journal tail cut at open: record cut short \(torn write\) in journal-\d+\.log/);
    expect((await second.venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['a', 'b']);
    await second.venue.connect();
    expect(second.events[0]).toMatchObject({ type: 'connection', state: 'connected', reason: second.venue.restoreProblem });
    second.venue.cancel(BTC, 'b');
    await second.venue.disconnect();

    const third = harness({ dataDir, seed: 4 }, new SimulatedClock(T0 + 2_000));
    expect(third.venue.restoreProblem).toBeUndefined();
    expect((await third.venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['a']);
  });

  it('ends an order the journal left mid-match (its last record lost) as its time in force says', async () => {
    const first = harness({ dataDir, seed: 4 });
    await first.venue.connect();
    const [ask, askQty] = first.venue.book(BTC)!.asks[0]!;
    first.venue.submit(req({ clientOrderId: 'ioc', tif: 'IOC', price: ask, qty: askQty + 5 }));
    await settle();
    expect(ofType(forOrder(first.events, 'ioc'), 'orderExpired')).toHaveLength(1);
    // Lose exactly the last record (the expiry), as if the process died before writing it.
    const { payload } = encodeLedgerRecord({ k: 'ended', id: 'ioc', ts: T0, status: 'expired', reason: 'IOC remainder' });
    const segment = segments().at(-1)!;
    fs.truncateSync(segment, fs.statSync(segment).size - (RECORD_HEADER_BYTES + payload.length));

    const second = harness({ dataDir, seed: 4 }, new SimulatedClock(T0 + 1_000));
    expect(second.venue.restoreProblem).toBeUndefined();
    expect(await second.venue.openOrders()).toEqual([expect.objectContaining({ clientOrderId: 'ioc', status: 'open', filledQty: askQty })]);
    await second.venue.connect();
    await settle();
    expect(forOrder(second.events, 'ioc')).toEqual([{ type: 'orderExpired', venue: 'SIM', clientOrderId: 'ioc', ts: T0 + 1_000, reason: 'IOC remainder' }]);
    expect(await second.venue.queryOrder(BTC, 'ioc')).toMatchObject({ status: 'expired', filledQty: askQty });
    expect(second.venue.positions()).toEqual({ [BTC]: askQty });
  });

  it('snapshots the ledger as records pile up and at disconnect, and restores from the snapshot', async () => {
    const h = harness({ dataDir });
    await h.venue.connect();
    const deep = h.venue.book(BTC)!.bids[0]![0] - 300;
    for (let i = 0; i < SNAPSHOT_EVERY_RECORDS / 2 + 5; i++) {
      h.venue.submit(req({ clientOrderId: `o${i}`, price: deep, qty: 10 }));
      h.venue.cancel(BTC, `o${i}`);
    }
    h.venue.submit(req({ clientOrderId: 'kept', price: deep, qty: 10 }));
    h.venue.submit(req({ clientOrderId: 'filled', type: 'market', tif: 'IOC', qty: 10 }));
    await settle();
    expect(snapshots()).toEqual(['snapshot-00000000000000001000.snap']);
    const state = await userState(h.venue, ['o0', 'o504', 'kept', 'filled']);
    await h.venue.disconnect();
    expect(snapshots()).toHaveLength(2);

    const restarted = harness({ dataDir }, new SimulatedClock(T0 + 1_000));
    expect(restarted.venue.restoreProblem).toBeUndefined();
    expect(await userState(restarted.venue, ['o0', 'o504', 'kept', 'filled'])).toEqual(state);
    expect(await restarted.venue.queryOrder(BTC, 'o0')).toMatchObject({ status: 'canceled' });
  });

  it('expires on restart the GTD orders whose time passed while the venue was down', async () => {
    const first = harness({ dataDir });
    await first.venue.connect();
    const deep = first.venue.book(BTC)!.bids[0]![0] - 300;
    first.venue.submit(req({ clientOrderId: 'gtd', tif: 'GTD', price: deep, qty: 10, expireAt: T0 + 5_000 }));
    await settle();

    const second = harness({ dataDir }, new SimulatedClock(T0 + 60_000));
    expect(await second.venue.queryOrder(BTC, 'gtd')).toMatchObject({ status: 'open' });
    await second.venue.connect();
    await settle();
    expect(ofType(second.events, 'orderExpired')).toEqual([{ type: 'orderExpired', venue: 'SIM', clientOrderId: 'gtd', ts: T0 + 60_000, reason: 'GTD expiry' }]);
    expect(await second.venue.openOrders()).toEqual([]);
  });

  it('starts the market afresh, keeps the unreadable file aside and says so when the state file is corrupt; orders survive', async () => {
    const first = harness({ dataDir });
    await first.venue.connect();
    first.venue.submit(req({ clientOrderId: 'o', price: first.venue.book(BTC)!.bids[0]![0] - 300, qty: 10 }));
    await first.venue.disconnect();
    fs.writeFileSync(path.join(dataDir, SIM_STATE_FILE), '{"version": 2, "markets": "nope"');
    const h = harness({ dataDir });
    expect(h.venue.restoreProblem).toMatch(/not valid JSON/);
    expect(h.venue.resumed).toBe(false);
    await h.venue.connect();
    expect(h.events[0]).toMatchObject({ type: 'connection', state: 'connected', reason: expect.stringMatching(/starting afresh/) });
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith(`${SIM_STATE_FILE}.unreadable-`))).toBe(true);
    expect((await h.venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['o']);
  });

  it('sets an order journal it cannot understand aside and starts with no orders, saying so', async () => {
    const opened = openJournal(simVenueDir(dataDir, 'SIM'), { clock: new SimulatedClock(T0), fsync: { mode: 'none' } });
    if (!opened.ok) throw new Error(opened.error.message);
    opened.value.journal.append(1, Buffer.from('not a ledger record'));
    await opened.value.journal.close();

    const h = harness({ dataDir });
    expect(h.venue.restoreProblem).toMatch(/^order journal unreadable \(record of type 1 is not valid JSON\); moved to .*unreadable-\d+, starting afresh$/);
    expect(await h.venue.openOrders()).toEqual([]);
    expect(fs.readdirSync(path.join(dataDir, SIM_VENUES_DIR)).sort()).toEqual(['SIM', `SIM.unreadable-${T0}`]);
    await h.venue.connect();
    h.venue.submit(req({ clientOrderId: 'fresh', price: h.venue.book(BTC)!.bids[0]![0] - 300, qty: 10 }));
    await settle();
    expect(harness({ dataDir }).venue.restoreProblem).toBeUndefined();
  });

  it('carries the orders of a version-1 state file into the journal, once', async () => {
    const first = harness({ dataDir, seed: 2 });
    const bid = first.venue.book(BTC)!.bids[0]![0];
    fs.writeFileSync(
      path.join(dataDir, SIM_STATE_FILE),
      JSON.stringify({
        version: 1,
        savedAt: T0,
        nextOrderNo: 501,
        nextFillNo: 77,
        nextTradeNo: 9,
        markets: {},
        orders: [
          { clientOrderId: 'old', venueOrderId: 'SIM-500', symbol: BTC, side: 'buy', price: bid - 300, qty: 40, filledQty: 15, createdAt: T0 - 5 },
          { clientOrderId: 'gone', venueOrderId: 'SIM-499', symbol: 'DOGE-USDT', side: 'buy', price: 10, qty: 40, filledQty: 0, createdAt: T0 - 9 },
        ],
      }),
    );
    const h = harness({ dataDir, seed: 2 });
    expect(h.venue.restoreProblem).toBeUndefined();
    expect(await h.venue.openOrders()).toEqual([
      { clientOrderId: 'old', venueOrderId: 'SIM-500', symbol: BTC, side: 'buy', type: 'limit', tif: 'GTC', price: bid - 300, qty: 40, filledQty: 15, status: 'open', triggered: false, createdAt: T0 - 5, reduceOnly: false, postOnly: false, updatedAt: T0 - 5 },
    ]);
    await h.venue.connect();
    h.venue.submit(req({ clientOrderId: 'new', price: bid - 301, qty: 10 }));
    await settle();
    expect(ofType(h.events, 'orderAccepted')[0]!.venueOrderId).toBe('SIM-501');
    expect(h.venue.book(BTC)!.bids.find(([p]) => p === bid - 300)![1]).toBeGreaterThanOrEqual(25);
    await h.venue.disconnect();
    expect(loadSimState(dataDir)).toMatchObject({ ok: true, state: { version: 2 } });

    const again = harness({ dataDir, seed: 2 });
    expect((await again.venue.openOrders()).map((o) => o.clientOrderId)).toEqual(['old', 'new']);
  });

  it('writes its state atomically, leaving no temporary file behind', async () => {
    const h = harness({ dataDir });
    await h.venue.connect();
    h.venue.submit(req({ clientOrderId: 'x', side: 'sell', price: 2_000_000, qty: 10 }));
    await h.venue.disconnect();
    expect(fs.readdirSync(dataDir).sort()).toEqual([SIM_STATE_FILE, SIM_VENUES_DIR]);
    expect(fs.readdirSync(journalDir()).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
