import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fill, Order } from '../oms';
import { migrate } from './migrations';
import { MIGRATIONS } from './schema';
import { openStore, STORE_FILE, type Store } from './store';

const dirs: string[] = [];
const open: Store[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-store-'));
  dirs.push(dir);
  return dir;
}
function openIn(dir: string): Store {
  const store = openStore(dir);
  open.push(store);
  return store;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const order = (over: Partial<Order> = {}): Order => ({
  clientOrderId: 'sq-1',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  price: 950_000,
  qty: 20,
  filledQty: 0,
  filledValue: 0,
  fees: 0,
  status: 'submitted',
  source: 'ticket',
  createdAt: 1_000,
  updatedAt: 1_000,
  ...over,
});

const fill = (over: Partial<Fill> = {}): Fill => ({
  fillId: 'f-1',
  clientOrderId: 'sq-1',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  side: 'buy',
  price: 950_000,
  qty: 5,
  liquidity: 'maker',
  fee: -3,
  ts: 2_000,
  ...over,
});

describe('openStore', () => {
  it('uses WAL with synchronous=NORMAL, at the latest schema version', () => {
    const store = openIn(tempDir());
    expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'NORMAL' });
    expect(store.schemaVersion()).toBe(MIGRATIONS.length);
  });

  it('round-trips every field of an order, optional ones included, and updates in place', () => {
    const store = openIn(tempDir());
    const market = order({ clientOrderId: 'sq-2', type: 'market', tif: 'IOC', price: undefined, postOnly: true });
    store.saveOrder(order());
    store.saveOrder(market);
    expect(store.loadOrder('sq-2')).toEqual(market);
    expect('price' in store.loadOrder('sq-2')!).toBe(false);

    const done = order({
      venueOrderId: 'V1',
      status: 'canceled',
      filledQty: 5,
      filledValue: 5 * 950_000,
      fees: -3,
      rejectReason: 'x',
      cancelReason: 'not found at venue on restart',
      updatedAt: 3_000,
    });
    store.saveOrder(done);
    expect(store.loadOrders()).toEqual([done, market]);
  });

  it('stores a fill once: a resent fillId from the same venue is refused', () => {
    const store = openIn(tempDir());
    store.saveOrder(order());
    expect(store.insertFill(fill())).toBe(true);
    expect(store.insertFill(fill({ qty: 99 }))).toBe(false);
    expect(store.insertFill(fill({ fillId: 'f-2', ts: 2_001 }))).toBe(true);
    expect(store.loadFills()).toEqual([fill(), fill({ fillId: 'f-2', ts: 2_001 })]);
    expect(store.loadFills(1)).toEqual([fill({ fillId: 'f-2', ts: 2_001 })]);
  });

  it('refuses a fill for an order it does not have', () => {
    const store = openIn(tempDir());
    expect(() => store.insertFill(fill({ clientOrderId: 'nope' }))).toThrow(/FOREIGN KEY/);
  });

  it('keeps settings as JSON and the kill switch log in order', () => {
    const store = openIn(tempDir());
    expect(store.getSetting('risk.limits')).toBeUndefined();
    store.setSetting('risk.limits', { defaults: { maxOrderQty: '2' } });
    store.setSetting('risk.limits', { defaults: { maxOrderQty: '3' } });
    expect(store.getSetting('risk.limits')).toEqual({ defaults: { maxOrderQty: '3' } });
    store.appendKillSwitchEvent({ ts: 1, action: 'engage', source: 'hotkey', reason: 'fat finger' });
    store.appendKillSwitchEvent({ ts: 2, action: 'reset', source: 'ticket', reason: 'reset' });
    expect(store.loadKillSwitchEvents().map((e) => e.action)).toEqual(['engage', 'reset']);
  });

  it('rolls back a transaction that throws', () => {
    const store = openIn(tempDir());
    expect(() =>
      store.transaction(() => {
        store.saveOrder(order());
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.loadOrders()).toEqual([]);
  });

  it('survives close and reopen with its data, and reopening migrates nothing', () => {
    const dir = tempDir();
    const first = openStore(dir);
    first.saveOrder(order());
    first.close();
    const again = openIn(dir);
    expect(again.schemaVersion()).toBe(MIGRATIONS.length);
    expect(again.loadOrders()).toEqual([order()]);
    const db = new Database(path.join(dir, STORE_FILE), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    db.close();
  });
});

describe('migrations', () => {
  it('brings a version-1 database forward, keeping its orders', () => {
    const dir = tempDir();
    const old = new Database(path.join(dir, STORE_FILE));
    expect(migrate(old, MIGRATIONS.slice(0, 1))).toEqual({ from: 0, to: 1 });
    old
      .prepare(
        `INSERT INTO orders VALUES ('old-1', NULL, 'SIM', 'BTC-USDT', 'sell', 'limit', 'GTC', 0, 960000, 10, 0, 0, 0,
          'accepted', NULL, 'ladder', 5, 6)`,
      )
      .run();
    old.close();

    const store = openIn(dir);
    expect(store.schemaVersion()).toBe(2);
    const restored = store.loadOrder('old-1');
    expect(restored).toMatchObject({ side: 'sell', price: 960_000, status: 'accepted', source: 'ladder' });
    expect(restored?.cancelReason).toBeUndefined();
    // The tables version 2 added are usable.
    store.appendKillSwitchEvent({ ts: 7, action: 'engage', source: 'system', reason: 'test' });
    expect(store.loadKillSwitchEvents()).toHaveLength(1);
  });

  it('applies all pending steps or none', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE nope (' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'orders'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database newer than this build', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    expect(() => migrate(db, MIGRATIONS.slice(0, 1))).toThrow(/newer than this build/);
    db.close();
  });
});
