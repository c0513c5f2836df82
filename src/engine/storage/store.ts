import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditEntry, AuditQuery, Fill, Liquidity, Order, OrderVersion, Side, Source } from '../core';
import { auditQuerySql, fromAuditRow, fromVersionRow, toAuditRow, toVersionRow, type AuditRow, type VersionRow } from './auditRows';
import { migrate } from './migrations';
import { fromOrderRow, ORDER_COLUMNS, toOrderRow, type OrderRow } from './orderRows';
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

/** The engine's durable state: orders, fills, the audit trail, order versions, the kill switch log and settings, in one SQLite file. */
export interface Store {
  readonly file: string;
  /** Insert or replace an order by clientOrderId. */
  saveOrder(order: Order): void;
  loadOrder(clientOrderId: string): Order | undefined;
  /** Every order, oldest first. */
  loadOrders(): Order[];
  /** The `limit` orders changed last, the latest first. */
  loadRecentOrders(limit: number): Order[];
  /** Records a fill; false (and nothing written) when this venue's fillId is already stored. */
  insertFill(fill: Fill): boolean;
  /** Whether this venue's fillId is stored. */
  hasFill(venue: string, fillId: string): boolean;
  /** Fills in the order they were recorded; with `limit`, the latest `limit` of them (still oldest first). */
  loadFills(limit?: number): Fill[];
  /** Records audit entries; an entry whose (seq, n) is already stored is skipped, so a journal replay can re-project. */
  insertAudit(entries: AuditEntry[]): void;
  /** Audit entries matching every filter given (ts within from..to inclusive), the latest `limit` (default 10 000), oldest first. */
  queryAudit(q: AuditQuery): AuditEntry[];
  /** Records one version of an order's terms; a (clientOrderId, version) already stored is skipped. */
  insertVersion(v: OrderVersion): void;
  /** An order's versions, version 1 first. */
  loadVersions(clientOrderId: string): OrderVersion[];
  appendKillSwitchEvent(event: KillSwitchEventRecord): void;
  /** The kill switch log, oldest first. */
  loadKillSwitchEvents(): KillSwitchEventRecord[];
  getSetting<T = unknown>(key: string): T | undefined;
  setSetting(key: string, value: unknown): void;
  /**
   * Runs `fn` atomically; nests (as a savepoint) inside another transaction. `durable`: the commit is
   * fsynced before this returns (synchronous=FULL for it), where a normal commit survives a crash of
   * the process but may be rolled back by a power cut.
   */
  transaction<T>(fn: () => T, options?: { durable?: boolean }): T;
  /**
   * The journal sequence every record up to which is projected here (orders, fills, versions, audit);
   * 0 when nothing is; undefined for a database from before the watermark was kept.
   */
  projectedSeq(): number | undefined;
  /** Sets the watermark; call it inside the transaction that wrote what it covers. */
  setProjectedSeq(seq: number): void;
  /** Empties what is projected from the journal (orders, fills, versions, audit) and sets the watermark to 0. */
  clearProjection(): void;
  schemaVersion(): number;
  /** How commits reach the disk (journal mode and sync level of this connection), for diagnostics. */
  durability(): { journalMode: string; synchronous: string };
  close(): void;
}

const SYNC_LEVELS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

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
  settlement: number;
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
  ...(r.settlement === 1 ? { settlement: true as const } : {}),
});

export interface StoreOptions {
  /**
   * Path of the better-sqlite3 native addon to load instead of the one in node_modules: the host
   * passes Electron's build when it runs in Electron (node_modules holds Node's).
   */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the store in `dataDir` and brings its schema up to date.
 * Throws only when the directory or file cannot be used at all: the engine cannot run without it.
 */
export function openStore(dataDir: string, options: StoreOptions = {}): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, STORE_FILE);
  const db = new Database(file, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  // WAL: readers never block the writer and a commit is one sequential append, which keeps order
  // events cheap on the hot path.
  db.pragma('journal_mode = WAL');
  // NORMAL (not FULL): in WAL mode a commit is not fsynced until checkpoint. An application crash
  // loses nothing and the file can never be corrupted; only an OS crash or power cut can drop the
  // last few commits. That loses nothing either: this file is a projection of the order journal, and
  // the watermark (projectedSeq) rolls back with what it covers, so the next start re-projects every
  // record after it. FULL would put an fsync (milliseconds) on every flush for nothing.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS);

  // Prepared once, reused for every call.
  const upsertOrder = db.prepare(`
    INSERT INTO orders (${ORDER_COLUMNS.join(', ')})
    VALUES (${ORDER_COLUMNS.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (client_order_id) DO UPDATE SET
      ${ORDER_COLUMNS.filter((c) => c !== 'client_order_id').map((c) => `${c} = excluded.${c}`).join(', ')}`);
  const selectOrder = db.prepare('SELECT * FROM orders WHERE client_order_id = ?');
  const selectOrders = db.prepare('SELECT * FROM orders ORDER BY created_at, rowid');
  const selectRecentOrders = db.prepare('SELECT * FROM orders ORDER BY updated_at DESC, rowid DESC LIMIT ?');
  const selectFillKey = db.prepare('SELECT 1 FROM fills WHERE venue = ? AND fill_id = ?');
  const insertFill = db.prepare(`
    INSERT OR IGNORE INTO fills (fill_id, client_order_id, venue, symbol, side, price, qty, liquidity, fee, ts, settlement)
    VALUES (@fillId, @clientOrderId, @venue, @symbol, @side, @price, @qty, @liquidity, @fee, @ts, @settlement)`);
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
  // ON CONFLICT DO NOTHING rather than INSERT OR IGNORE: only a repeated key is skipped; a missing
  // value (NOT NULL) still throws instead of silently losing the entry.
  const insertAuditRow = db.prepare(`
    INSERT INTO audit (seq, n, ts, client_order_id, venue, symbol, action, source, before_json, after_json, detail)
    VALUES (@seq, @n, @ts, @client_order_id, @venue, @symbol, @action, @source, @before_json, @after_json, @detail)
    ON CONFLICT (seq, n) DO NOTHING`);
  const insertAuditRows = db.transaction((entries: AuditEntry[]) => {
    for (const e of entries) insertAuditRow.run(toAuditRow(e));
  });
  const auditQueries = new Map<string, BetterSqlite3.Statement>();
  const insertVersionRow = db.prepare(`
    INSERT INTO order_versions (client_order_id, version, price, stop_price, qty, at, source)
    VALUES (@client_order_id, @version, @price, @stop_price, @qty, @at, @source)
    ON CONFLICT (client_order_id, version) DO NOTHING`);
  const selectVersions = db.prepare('SELECT * FROM order_versions WHERE client_order_id = ? ORDER BY version');
  const selectVersion = db.prepare('SELECT MAX(version) AS v FROM schema_migrations');
  const selectProjected = db.prepare('SELECT seq FROM projection WHERE id = 1');
  const updateProjected = db.prepare('UPDATE projection SET seq = ? WHERE id = 1');
  const clearProjection = db.transaction(() => {
    // Fills and versions first: fills reference orders.
    db.exec('DELETE FROM audit; DELETE FROM order_versions; DELETE FROM fills; DELETE FROM orders;');
    updateProjected.run(0);
  });
  const durableTransaction = <T>(fn: () => T): T => {
    if (db.inTransaction) return db.transaction(fn)();
    // FULL in WAL mode: the commit fsyncs the WAL, so it (and every commit before it) survives a power cut.
    db.pragma('synchronous = FULL');
    try {
      return db.transaction(fn)();
    } finally {
      db.pragma('synchronous = NORMAL');
    }
  };

  return {
    file,
    saveOrder: (order) => void upsertOrder.run(toOrderRow(order)),
    loadOrder: (id) => {
      const row = selectOrder.get(id) as OrderRow | undefined;
      return row && fromOrderRow(row);
    },
    loadOrders: () => (selectOrders.all() as OrderRow[]).map(fromOrderRow),
    loadRecentOrders: (limit) => (selectRecentOrders.all(Math.min(limit, Number.MAX_SAFE_INTEGER)) as OrderRow[]).map(fromOrderRow),
    hasFill: (venue, fillId) => selectFillKey.get(venue, fillId) !== undefined,
    insertFill: (fill) => insertFill.run({ ...fill, settlement: fill.settlement === true ? 1 : 0 }).changes === 1,
    loadFills: (limit) =>
      ((limit === undefined ? selectFills.all() : selectLatestFills.all(limit)) as FillRow[]).map(fromFillRow),
    insertAudit: (entries) => insertAuditRows(entries),
    queryAudit: (q) => {
      const { sql, params } = auditQuerySql(q);
      let statement = auditQueries.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        auditQueries.set(sql, statement);
      }
      return (statement.all(params) as AuditRow[]).map(fromAuditRow);
    },
    insertVersion: (v) => void insertVersionRow.run(toVersionRow(v)),
    loadVersions: (id) => (selectVersions.all(id) as VersionRow[]).map(fromVersionRow),
    appendKillSwitchEvent: (event) => void insertKill.run(event),
    loadKillSwitchEvents: () => selectKills.all() as KillSwitchEventRecord[],
    getSetting: <T>(key: string) => {
      const row = selectSetting.get(key) as { value: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    },
    setSetting: (key, value) => void upsertSetting.run(key, JSON.stringify(value)),
    transaction: <T>(fn: () => T, options?: { durable?: boolean }) => (options?.durable ? durableTransaction(fn) : db.transaction(fn)()),
    projectedSeq: () => {
      const row = selectProjected.get() as { seq: number | null } | undefined;
      return row === undefined || row.seq === null ? undefined : row.seq;
    },
    setProjectedSeq: (seq) => void updateProjected.run(seq),
    clearProjection: () => clearProjection(),
    schemaVersion: () => (selectVersion.get() as { v: number }).v,
    durability: () => ({
      journalMode: String(db.pragma('journal_mode', { simple: true })),
      synchronous: SYNC_LEVELS[Number(db.pragma('synchronous', { simple: true }))] ?? 'unknown',
    }),
    close: () => db.close(),
  };
}
