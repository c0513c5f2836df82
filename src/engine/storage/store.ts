import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Liquidity, OrderType, Side, Source, TimeInForce } from '../core';
import type { Fill, Order, OrderStatus } from '../oms';
import { migrate } from './migrations';
import { MIGRATIONS } from './schema';

export const STORE_FILE = 'engine.sqlite';

export type KillSwitchAction = 'engage' | 'reset';

/** One line of the kill switch's audit log. */
export interface KillSwitchEventRecord {
  ts: number;
  action: KillSwitchAction;
  source: Source;
  reason: string;
}

/** The engine's durable state: orders, fills, the kill switch log and settings, in one SQLite file. */
export interface Store {
  readonly file: string;
  /** Insert or replace an order by clientOrderId. */
  saveOrder(order: Order): void;
  loadOrder(clientOrderId: string): Order | undefined;
  /** Every order, oldest first. */
  loadOrders(): Order[];
  /** Records a fill; false (and nothing written) when this venue's fillId is already stored. */
  insertFill(fill: Fill): boolean;
  /** Fills in the order they were recorded; with `limit`, the latest `limit` of them (still oldest first). */
  loadFills(limit?: number): Fill[];
  appendKillSwitchEvent(event: KillSwitchEventRecord): void;
  /** The kill switch log, oldest first. */
  loadKillSwitchEvents(): KillSwitchEventRecord[];
  getSetting<T = unknown>(key: string): T | undefined;
  setSetting(key: string, value: unknown): void;
  /** Runs `fn` atomically; nests (as a savepoint) inside another transaction. */
  transaction<T>(fn: () => T): T;
  schemaVersion(): number;
  /** How commits reach the disk (journal mode and sync level of this connection), for diagnostics. */
  durability(): { journalMode: string; synchronous: string };
  close(): void;
}

const SYNC_LEVELS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

interface OrderRow {
  client_order_id: string;
  venue_order_id: string | null;
  venue: string;
  symbol: string;
  side: Side;
  type: OrderType;
  tif: TimeInForce;
  post_only: number;
  price: number | null;
  qty: number;
  filled_qty: number;
  filled_value: number;
  fees: number;
  status: OrderStatus;
  reject_reason: string | null;
  cancel_reason: string | null;
  source: Source;
  created_at: number;
  updated_at: number;
}

interface FillRow {
  fill_id: string;
  client_order_id: string;
  venue: string;
  symbol: string;
  side: Side;
  price: number;
  qty: number;
  liquidity: Liquidity;
  fee: number;
  ts: number;
}

const toOrderRow = (o: Order): OrderRow => ({
  client_order_id: o.clientOrderId,
  venue_order_id: o.venueOrderId ?? null,
  venue: o.venue,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  tif: o.tif,
  post_only: o.postOnly ? 1 : 0,
  price: o.price ?? null,
  qty: o.qty,
  filled_qty: o.filledQty,
  filled_value: o.filledValue,
  fees: o.fees,
  status: o.status,
  reject_reason: o.rejectReason ?? null,
  cancel_reason: o.cancelReason ?? null,
  source: o.source,
  created_at: o.createdAt,
  updated_at: o.updatedAt,
});

function fromOrderRow(r: OrderRow): Order {
  const order: Order = {
    clientOrderId: r.client_order_id,
    venue: r.venue,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    tif: r.tif,
    postOnly: r.post_only === 1,
    qty: r.qty,
    filledQty: r.filled_qty,
    filledValue: r.filled_value,
    fees: r.fees,
    status: r.status,
    source: r.source,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  // Optional fields stay absent (not undefined-valued) so a restored order equals the one saved.
  if (r.venue_order_id !== null) order.venueOrderId = r.venue_order_id;
  if (r.price !== null) order.price = r.price;
  if (r.reject_reason !== null) order.rejectReason = r.reject_reason;
  if (r.cancel_reason !== null) order.cancelReason = r.cancel_reason;
  return order;
}

const fromFillRow = (r: FillRow): Fill => ({
  fillId: r.fill_id,
  clientOrderId: r.client_order_id,
  venue: r.venue,
  symbol: r.symbol,
  side: r.side,
  price: r.price,
  qty: r.qty,
  liquidity: r.liquidity,
  fee: r.fee,
  ts: r.ts,
});

/**
 * Opens (creating if needed) the store in `dataDir` and brings its schema up to date.
 * Throws only when the directory or file cannot be used at all: the engine cannot run without it.
 */
export function openStore(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, STORE_FILE);
  const db = new Database(file);
  // WAL: readers never block the writer and a commit is one sequential append, which keeps order
  // events cheap on the hot path.
  db.pragma('journal_mode = WAL');
  // NORMAL (not FULL): in WAL mode a commit is not fsynced until checkpoint. An application crash
  // loses nothing and the file can never be corrupted; only an OS crash or power cut can drop the
  // last few commits. We accept that because the venue is the source of truth for orders and fills
  // and restart reconciles with it, while FULL would put an fsync (milliseconds) on every order event.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS);

  // Prepared once, reused for every call.
  const upsertOrder = db.prepare(`
    INSERT INTO orders (client_order_id, venue_order_id, venue, symbol, side, type, tif, post_only, price, qty,
      filled_qty, filled_value, fees, status, reject_reason, cancel_reason, source, created_at, updated_at)
    VALUES (@client_order_id, @venue_order_id, @venue, @symbol, @side, @type, @tif, @post_only, @price, @qty,
      @filled_qty, @filled_value, @fees, @status, @reject_reason, @cancel_reason, @source, @created_at, @updated_at)
    ON CONFLICT (client_order_id) DO UPDATE SET
      venue_order_id = excluded.venue_order_id, venue = excluded.venue, symbol = excluded.symbol,
      side = excluded.side, type = excluded.type, tif = excluded.tif, post_only = excluded.post_only,
      price = excluded.price, qty = excluded.qty, filled_qty = excluded.filled_qty,
      filled_value = excluded.filled_value, fees = excluded.fees, status = excluded.status,
      reject_reason = excluded.reject_reason, cancel_reason = excluded.cancel_reason, source = excluded.source,
      created_at = excluded.created_at, updated_at = excluded.updated_at`);
  const selectOrder = db.prepare('SELECT * FROM orders WHERE client_order_id = ?');
  const selectOrders = db.prepare('SELECT * FROM orders ORDER BY created_at, rowid');
  const insertFill = db.prepare(`
    INSERT OR IGNORE INTO fills (fill_id, client_order_id, venue, symbol, side, price, qty, liquidity, fee, ts)
    VALUES (@fillId, @clientOrderId, @venue, @symbol, @side, @price, @qty, @liquidity, @fee, @ts)`);
  const selectFills = db.prepare('SELECT * FROM fills ORDER BY seq');
  const selectLatestFills = db.prepare('SELECT * FROM (SELECT * FROM fills ORDER BY seq DESC LIMIT ?) ORDER BY seq');
  const insertKill = db.prepare(
    'INSERT INTO kill_switch_events (ts, action, source, reason) VALUES (@ts, @action, @source, @reason)',
  );
  const selectKills = db.prepare('SELECT ts, action, source, reason FROM kill_switch_events ORDER BY id');
  const selectSetting = db.prepare('SELECT value FROM settings WHERE key = ?');
  const upsertSetting = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const selectVersion = db.prepare('SELECT MAX(version) AS v FROM schema_migrations');

  return {
    file,
    saveOrder: (order) => void upsertOrder.run(toOrderRow(order)),
    loadOrder: (id) => {
      const row = selectOrder.get(id) as OrderRow | undefined;
      return row && fromOrderRow(row);
    },
    loadOrders: () => (selectOrders.all() as OrderRow[]).map(fromOrderRow),
    insertFill: (fill) => insertFill.run(fill).changes === 1,
    loadFills: (limit) =>
      ((limit === undefined ? selectFills.all() : selectLatestFills.all(limit)) as FillRow[]).map(fromFillRow),
    appendKillSwitchEvent: (event) => void insertKill.run(event),
    loadKillSwitchEvents: () => selectKills.all() as KillSwitchEventRecord[],
    getSetting: <T>(key: string) => {
      const row = selectSetting.get(key) as { value: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    },
    setSetting: (key, value) => void upsertSetting.run(key, JSON.stringify(value)),
    transaction: <T>(fn: () => T) => db.transaction(fn)(),
    schemaVersion: () => (selectVersion.get() as { v: number }).v,
    durability: () => ({
      journalMode: String(db.pragma('journal_mode', { simple: true })),
      synchronous: SYNC_LEVELS[Number(db.pragma('synchronous', { simple: true }))] ?? 'unknown',
    }),
    close: () => db.close(),
  };
}
