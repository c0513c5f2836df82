import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Fill, Order, OrderVersion } from '../core';
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
  reduceOnly: false,
  price: 950_000,
  qty: 20,
  filledQty: 0,
  filledValue: 0,
  fees: 0,
  status: 'submitted',
  version: 1,
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
      product: 'NRML',
      afterMarket: true,
    });
    store.saveOrder(done);
    expect(store.loadOrders()).toEqual([done, market]);
  });

  it('round-trips stop, GTD, amend and bracket fields, and leaves absent ones absent (not undefined)', () => {
    const store = openIn(tempDir());
    const stopLoss = order({
      clientOrderId: 'sq-sl',
      side: 'sell',
      type: 'stop_limit',
      tif: 'GTD',
      reduceOnly: true,
      price: 940_000,
      stopPrice: 941_000,
      expireAt: 86_400_000,
      status: 'pending_update',
      priorStatus: 'triggered',
      pendingAmend: { stopPrice: 942_000, qty: 15 },
      version: 3,
      triggeredAt: 2_500,
      groupId: 'sq-entry',
      role: 'stop_loss',
      parentId: 'sq-entry',
      source: 'contingent',
    });
    store.saveOrder(stopLoss);
    expect(store.loadOrder('sq-sl')).toStrictEqual(stopLoss);

    // The amend is confirmed: the pending fields go away, and must not linger as nulls or undefineds.
    const { priorStatus: _p, pendingAmend: _a, ...rest } = stopLoss;
    const amended: Order = { ...rest, status: 'triggered', stopPrice: 942_000, qty: 15, version: 4, updatedAt: 3_000 };
    store.saveOrder(amended);
    const loaded = store.loadOrder('sq-sl')!;
    expect(loaded).toStrictEqual(amended);
    expect(Object.keys(loaded)).not.toContain('pendingAmend');

    const bare = order({ clientOrderId: 'sq-bare', type: 'market', tif: 'FOK', price: undefined });
    delete bare.price;
    store.saveOrder(bare);
    expect(Object.keys(store.loadOrder('sq-bare')!).sort()).toEqual(Object.keys(bare).sort());
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

  it('marks a settlement fill (a position the venue closed at expiry) and leaves a trade unmarked', () => {
    const store = openIn(tempDir());
    store.saveOrder(order());
    store.saveOrder(order({ clientOrderId: 'SETTLE-BTC-261208-95000-P', source: 'settlement', side: 'sell' }));
    const settled = fill({ fillId: 'SIM-F9', clientOrderId: 'SETTLE-BTC-261208-95000-P', side: 'sell', price: 0, fee: 0, settlement: true });
    expect(store.insertFill(fill())).toBe(true);
    expect(store.insertFill(settled)).toBe(true);
    expect(store.loadFills()).toEqual([fill(), settled]);
    expect(store.loadFills()[0]).not.toHaveProperty('settlement');
    expect(store.loadOrder('SETTLE-BTC-261208-95000-P')?.source).toBe('settlement');
  });

  it('a version-6 database keeps its fills, read as trades, and then takes settlement fills', () => {
    const dir = tempDir();
    const old = new Database(path.join(dir, STORE_FILE));
    old.pragma('foreign_keys = ON');
    expect(migrate(old, MIGRATIONS.slice(0, 6))).toEqual({ from: 0, to: 6 });
    old.close();
    {
      // What version 6 wrote: an order and its fill, through its own columns.
      const raw = new Database(path.join(dir, STORE_FILE));
      raw.prepare(`INSERT INTO orders (client_order_id, venue, symbol, side, type, tif, post_only, reduce_only, price, qty, filled_qty, filled_value, fees, status, source, version, created_at, updated_at)
        VALUES ('old', 'SIM', 'BTC-USDT', 'buy', 'limit', 'GTC', 0, 0, 950000, 20, 20, 19000000, 0, 'filled', 'ticket', 1, 1, 2)`).run();
      raw.prepare(`INSERT INTO fills (fill_id, client_order_id, venue, symbol, side, price, qty, liquidity, fee, ts) VALUES ('f-old', 'old', 'SIM', 'BTC-USDT', 'buy', 950000, 20, 'maker', 3, 2)`).run();
      raw.close();
    }
    const store = openIn(dir);
    expect(store.schemaVersion()).toBe(MIGRATIONS.length);
    expect(store.loadFills()).toEqual([{ fillId: 'f-old', clientOrderId: 'old', venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', price: 950_000, qty: 20, liquidity: 'maker', fee: 3, ts: 2 }]);
    store.saveOrder(order({ clientOrderId: 'SETTLE-X', source: 'settlement' }));
    expect(store.insertFill(fill({ fillId: 'f-s', clientOrderId: 'SETTLE-X', settlement: true }))).toBe(true);
    expect(store.loadFills().map((f) => f.settlement)).toEqual([undefined, true]);
  });

  it('lists the orders changed last, latest first, any limit; and says whether a fill is stored', () => {
    const store = openIn(tempDir());
    for (const [id, at] of [['a', 5], ['b', 9], ['c', 7]] as const) store.saveOrder(order({ clientOrderId: id, updatedAt: at }));
    expect(store.loadRecentOrders(2).map((o) => o.clientOrderId)).toEqual(['b', 'c']);
    expect(store.loadRecentOrders(Number.MAX_SAFE_INTEGER).map((o) => o.clientOrderId)).toEqual(['b', 'c', 'a']);
    store.insertFill(fill({ clientOrderId: 'a' }));
    expect(store.hasFill('SIM', 'f-1')).toBe(true);
    expect(store.hasFill('OTHER', 'f-1')).toBe(false);
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

  it('keeps the journal watermark with what it covers: a rolled back transaction takes both back', () => {
    const store = openIn(tempDir());
    expect(store.projectedSeq()).toBe(0); // a new (or deleted) file has projected nothing
    store.transaction(() => {
      store.saveOrder(order());
      store.setProjectedSeq(5);
    });
    expect(() =>
      store.transaction(() => {
        store.saveOrder(order({ clientOrderId: 'sq-2' }));
        store.setProjectedSeq(9);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(store.projectedSeq()).toBe(5);
    expect(store.loadOrders().map((o) => o.clientOrderId)).toEqual(['sq-1']);
  });

  it('a durable transaction commits like any other and leaves the connection at synchronous=NORMAL', () => {
    const dir = tempDir();
    const store = openStore(dir);
    store.transaction(
      () => {
        store.saveOrder(order());
        store.setProjectedSeq(3);
      },
      { durable: true },
    );
    expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'NORMAL' });
    store.close();
    const again = openIn(dir);
    expect(again.projectedSeq()).toBe(3);
    expect(again.loadOrders()).toEqual([order()]);
  });

  it('clearProjection empties orders, fills, versions and audit, and keeps settings and the kill switch log', () => {
    const store = openIn(tempDir());
    store.saveOrder(order());
    store.insertFill(fill());
    store.insertVersion({ clientOrderId: 'sq-1', version: 1, qty: 20, at: 1, source: 'ticket' });
    store.insertAudit([entry(1)]);
    store.setProjectedSeq(7);
    store.setSetting('risk.limits', { x: 1 });
    store.appendKillSwitchEvent({ ts: 1, action: 'engage', source: 'hotkey', reason: 'r' });
    store.clearProjection();
    expect([store.loadOrders(), store.loadFills(), store.loadVersions('sq-1'), store.queryAudit({})]).toEqual([[], [], [], []]);
    expect(store.projectedSeq()).toBe(0);
    expect(store.getSetting('risk.limits')).toEqual({ x: 1 });
    expect(store.loadKillSwitchEvents()).toHaveLength(1);
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

const entry = (seq: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  n: 0,
  ts: 1_000 + seq,
  clientOrderId: 'sq-1',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  action: 'accept',
  source: 'venue',
  before: { status: 'submitted', price: 950_000, qty: 20, filledQty: 0, version: 1 },
  after: { status: 'accepted', price: 950_000, qty: 20, filledQty: 0, version: 1 },
  ...over,
});

describe('audit trail', () => {
  it('round-trips entries, optional before, prices and detail absent when absent', () => {
    const store = openIn(tempDir());
    const submit = entry(1, { action: 'submit', source: 'ticket', before: undefined, after: { status: 'initialized', qty: 20, filledQty: 0, version: 1 } });
    delete submit.before;
    const fill = entry(2, { action: 'fill', detail: '5 @ 950000, maker', after: { status: 'partially_filled', price: 950_000, qty: 20, filledQty: 5, version: 1 } });
    const stop = entry(3, { n: 1, action: 'trigger', before: { status: 'accepted', stopPrice: 7, qty: 1, filledQty: 0, version: 2 } });
    store.insertAudit([submit, fill, stop]);
    const back = store.queryAudit({});
    expect(back).toStrictEqual([submit, fill, stop]);
    expect(Object.keys(back[0]!)).not.toContain('before');
    expect(Object.keys(back[0]!)).not.toContain('detail');
    expect(Object.keys(back[0]!.after)).not.toContain('price');
  });

  it('is idempotent: a replayed journal re-projects the same (seq, n) and nothing doubles or changes', () => {
    const store = openIn(tempDir());
    const first = [entry(10), entry(10, { n: 1, action: 'fill' }), entry(11)];
    store.insertAudit(first);
    store.insertAudit(first);
    store.insertAudit([entry(10, { detail: 'different' }), entry(12)]);
    expect(store.queryAudit({})).toStrictEqual([...first, entry(12)]);
  });

  it('stores only the AuditState fields, even when handed a whole order', () => {
    const store = openIn(tempDir());
    store.insertAudit([entry(1, { after: order() })]);
    expect(store.queryAudit({})[0]!.after).toStrictEqual({ status: 'submitted', price: 950_000, qty: 20, filledQty: 0, version: 1 });
  });

  it('filters by order, source and an inclusive time range, oldest first, ordered by (seq, n)', () => {
    const store = openIn(tempDir());
    // inserted out of order on purpose: the key, not insertion, decides the order
    store.insertAudit([
      entry(5, { clientOrderId: 'b', source: 'grid', ts: 50 }),
      entry(1, { ts: 10 }),
      entry(3, { n: 1, source: 'grid', ts: 30 }),
      entry(3, { n: 0, ts: 30 }),
      entry(4, { ts: 40, source: 'kill_switch' }),
    ]);
    const keys = (es: AuditEntry[]) => es.map((e) => `${e.seq}.${e.n}`);
    expect(keys(store.queryAudit({}))).toEqual(['1.0', '3.0', '3.1', '4.0', '5.0']);
    expect(keys(store.queryAudit({ clientOrderId: 'sq-1' }))).toEqual(['1.0', '3.0', '3.1', '4.0']);
    expect(keys(store.queryAudit({ source: 'grid' }))).toEqual(['3.1', '5.0']);
    expect(keys(store.queryAudit({ from: 30, to: 40 }))).toEqual(['3.0', '3.1', '4.0']);
    expect(keys(store.queryAudit({ from: 41 }))).toEqual(['5.0']);
    expect(keys(store.queryAudit({ to: 10 }))).toEqual(['1.0']);
    expect(keys(store.queryAudit({ clientOrderId: 'sq-1', source: 'grid', from: 30, to: 30 }))).toEqual(['3.1']);
    expect(store.queryAudit({ clientOrderId: 'nobody' })).toEqual([]);
    expect(store.queryAudit({ from: 40, to: 30 })).toEqual([]);
  });

  it('limit keeps the latest N, still oldest first; no limit means the latest 10 000', () => {
    const store = openIn(tempDir());
    const many = Array.from({ length: 10_003 }, (_, i) => entry(i + 1));
    store.insertAudit(many);
    expect(store.queryAudit({ limit: 2 }).map((e) => e.seq)).toEqual([10_002, 10_003]);
    expect(store.queryAudit({ limit: 3, to: 1_000 + 5 }).map((e) => e.seq)).toEqual([3, 4, 5]);
    const all = store.queryAudit({});
    expect(all).toHaveLength(10_000);
    expect(all[0]!.seq).toBe(4);
    expect(all.at(-1)!.seq).toBe(10_003);
  });

  it('refuses a nonsensical limit or time bound with a clear error', () => {
    const store = openIn(tempDir());
    for (const limit of [0, -1, 1.5, Number.NaN]) expect(() => store.queryAudit({ limit })).toThrow(/limit must be a positive integer/);
    expect(() => store.queryAudit({ from: Number.NaN })).toThrow(/'from' must be a time/);
  });

  it('a bad entry throws and takes the rest of its batch with it, so nothing is half-written', () => {
    const store = openIn(tempDir());
    const bad = { ...entry(2), action: undefined } as unknown as AuditEntry;
    expect(() => store.insertAudit([entry(1), bad])).toThrow(/NOT NULL/);
    expect(store.queryAudit({})).toEqual([]);
  });
});

describe('order versions', () => {
  const version = (v: number, over: Partial<OrderVersion> = {}): OrderVersion => ({
    clientOrderId: 'sq-1',
    version: v,
    price: 950_000 + v,
    qty: 20,
    at: 1_000 * v,
    source: v === 1 ? 'ticket' : 'grid',
    ...over,
  });

  it('keeps every version of an order, ascending, optional prices absent when absent', () => {
    const store = openIn(tempDir());
    const stop: OrderVersion = { clientOrderId: 'sq-stop', version: 1, stopPrice: 900_000, qty: 4, at: 5, source: 'hotkey' };
    store.insertVersion(version(3));
    store.insertVersion(version(1));
    store.insertVersion(stop);
    store.insertVersion(version(2, { qty: 10 }));
    expect(store.loadVersions('sq-1')).toStrictEqual([version(1), version(2, { qty: 10 }), version(3)]);
    const [loaded] = store.loadVersions('sq-stop');
    expect(loaded).toStrictEqual(stop);
    expect(Object.keys(loaded!)).not.toContain('price');
    expect(store.loadVersions('nobody')).toEqual([]);
  });

  it('is idempotent: the same (order, version) again changes nothing', () => {
    const store = openIn(tempDir());
    store.insertVersion(version(1));
    store.insertVersion(version(1));
    store.insertVersion(version(1, { price: 1, qty: 999 }));
    expect(store.loadVersions('sq-1')).toStrictEqual([version(1)]);
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
    expect(store.schemaVersion()).toBe(MIGRATIONS.length);
    const restored = store.loadOrder('old-1');
    expect(restored).toMatchObject({ side: 'sell', price: 960_000, status: 'accepted', source: 'ladder', version: 1, reduceOnly: false });
    expect(restored?.cancelReason).toBeUndefined();
    // The tables version 2 added are usable.
    store.appendKillSwitchEvent({ ts: 7, action: 'engage', source: 'system', reason: 'test' });
    expect(store.loadKillSwitchEvents()).toHaveLength(1);
  });

  it('brings a version-2 database with orders and fills to version 3, keeping every row and the fills reference', () => {
    const dir = tempDir();
    const old = new Database(path.join(dir, STORE_FILE));
    old.pragma('foreign_keys = ON');
    expect(migrate(old, MIGRATIONS.slice(0, 2))).toEqual({ from: 0, to: 2 });
    const insertOrder = old.prepare(
      `INSERT INTO orders (client_order_id, venue_order_id, venue, symbol, side, type, tif, post_only, price, qty,
        filled_qty, filled_value, fees, status, reject_reason, cancel_reason, source, created_at, updated_at)
       VALUES (?, ?, 'SIM', 'BTC-USDT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
    );
    insertOrder.run('o-1', 'V1', 'buy', 'limit', 'GTC', 1, 950_000, 10, 6, 6 * 950_000, -4, 'partially_filled', null, 'ticket', 100, 200);
    insertOrder.run('o-2', null, 'sell', 'market', 'IOC', 0, null, 3, 0, 0, 0, 'canceled', 'IOC remainder', 'ladder', 100, 150);
    const insertFill = old.prepare(
      `INSERT INTO fills (fill_id, client_order_id, venue, symbol, side, price, qty, liquidity, fee, ts)
       VALUES (?, 'o-1', 'SIM', 'BTC-USDT', 'buy', 950000, ?, 'maker', -2, ?)`,
    );
    insertFill.run('f-1', 4, 150);
    insertFill.run('f-2', 2, 160);
    insertFill.run('f-3', 1, 170);
    old.prepare("DELETE FROM fills WHERE fill_id = 'f-3'").run(); // seq 3 is used up even though its row is gone
    old.close();

    const store = openIn(dir);
    expect(store.schemaVersion()).toBe(MIGRATIONS.length);
    // Projected by a version without the watermark: how far is not known (the OMS takes its snapshot's).
    expect(store.projectedSeq()).toBeUndefined();
    expect(store.loadOrders()).toStrictEqual([
      order({
        clientOrderId: 'o-1',
        venueOrderId: 'V1',
        postOnly: true,
        qty: 10,
        filledQty: 6,
        filledValue: 6 * 950_000,
        fees: -4,
        status: 'partially_filled',
        createdAt: 100,
        updatedAt: 200,
      }),
      (() => {
        const o = order({
          clientOrderId: 'o-2',
          side: 'sell',
          type: 'market',
          tif: 'IOC',
          qty: 3,
          status: 'canceled',
          cancelReason: 'IOC remainder',
          source: 'ladder',
          createdAt: 100,
          updatedAt: 150,
        });
        delete o.price;
        return o;
      })(),
    ]);
    const fillAt = (fillId: string, qty: number, ts: number) => fill({ fillId, clientOrderId: 'o-1', qty, fee: -2, ts, price: 950_000 });
    expect(store.loadFills()).toStrictEqual([fillAt('f-1', 4, 150), fillAt('f-2', 2, 160)]);

    // The reference still holds: an unknown order is refused, a known one (old or new) accepted.
    expect(() => store.insertFill(fill({ fillId: 'f-x', clientOrderId: 'nobody' }))).toThrow(/FOREIGN KEY/);
    store.saveOrder(order({ clientOrderId: 'o-3', type: 'stop_market', tif: 'DAY', stopPrice: 940_000 }));
    expect(store.insertFill(fill({ fillId: 'f-4', clientOrderId: 'o-3' }))).toBe(true);
    expect(store.insertFill(fill({ fillId: 'f-2', clientOrderId: 'o-1' }))).toBe(false); // UNIQUE (venue, fill_id) kept

    const db = new Database(path.join(dir, STORE_FILE), { readonly: true });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const fillsSql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'fills'").get() as { sql: string }).sql;
    expect(fillsSql).toMatch(/REFERENCES "?orders"? \(client_order_id\)/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name LIKE '%_v3'").all()).toEqual([]);
    // AUTOINCREMENT's high-water mark survived the rebuild: the new fill did not reuse seq 3.
    expect(db.prepare("SELECT seq FROM fills WHERE fill_id = 'f-4'").get()).toEqual({ seq: 4 });
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(['audit_by_order', 'audit_by_ts', 'fills_by_order', 'orders_by_status', 'orders_by_updated']);
    db.close();
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

describe('the native binding', () => {
  it('opens with the addon the host names (Electron passes its own build) and fails loudly on a missing one', () => {
    const nodeBuild = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    const dir = tempDir();
    const store = openStore(dir, { nativeBinding: nodeBuild });
    open.push(store);
    store.setSetting('probe', { engaged: true });
    expect(store.getSetting('probe')).toEqual({ engaged: true });

    const missing = path.join(tempDir(), 'electron-build', 'better_sqlite3.node');
    expect(() => openStore(tempDir(), { nativeBinding: missing })).toThrow(/better_sqlite3\.node/);
  });
});
