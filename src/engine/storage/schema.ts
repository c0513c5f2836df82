import type { Migration } from './migrations';

/**
 * The store's schema, oldest step first. Integers everywhere money lives: prices in ticks,
 * quantities in lots, values in QuoteUnits or ticks*lots (SQLite INTEGER is 64-bit).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'orders and fills',
    sql: `
      CREATE TABLE orders (
        client_order_id TEXT PRIMARY KEY,
        venue_order_id TEXT,
        venue TEXT NOT NULL,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        type TEXT NOT NULL CHECK (type IN ('limit', 'market')),
        tif TEXT NOT NULL,
        post_only INTEGER NOT NULL,
        price INTEGER,
        qty INTEGER NOT NULL,
        filled_qty INTEGER NOT NULL,
        filled_value INTEGER NOT NULL,
        fees INTEGER NOT NULL,
        status TEXT NOT NULL,
        reject_reason TEXT,
        source TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX orders_by_status ON orders (status);
      CREATE TABLE fills (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        fill_id TEXT NOT NULL,
        client_order_id TEXT NOT NULL REFERENCES orders (client_order_id),
        venue TEXT NOT NULL,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        price INTEGER NOT NULL,
        qty INTEGER NOT NULL,
        liquidity TEXT NOT NULL,
        fee INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        -- a venue may resend a fill (reconnect, replay): the same fill must never count twice
        UNIQUE (venue, fill_id)
      );
      CREATE INDEX fills_by_order ON fills (client_order_id);
    `,
  },
  {
    version: 2,
    name: 'kill switch, settings, cancel reason',
    sql: `
      CREATE TABLE kill_switch_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ts INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('engage', 'reset')),
        source TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      ALTER TABLE orders ADD COLUMN cancel_reason TEXT;
    `,
  },
  {
    version: 3,
    name: 'order types, amends, brackets; audit trail and order versions',
    // SQLite cannot drop a CHECK or add columns in place, so orders is rebuilt: new table, copy, drop,
    // rename. fills REFERENCES orders and openStore has foreign_keys ON, which a migration cannot turn
    // off (PRAGMA foreign_keys is a no-op inside a transaction): dropping orders would run an implicit
    // DELETE that fails on the fills pointing at it, deferred or not. So fills is rebuilt alongside,
    // pointing at the new orders table, and dropped first; renaming orders_v3 to orders (with
    // legacy_alter_table OFF, the default, set here so the step never depends on the connection)
    // rewrites fills_v3's REFERENCES to "orders". Every statement leaves every reference valid.
    sql: `
      PRAGMA legacy_alter_table = OFF;
      CREATE TABLE orders_v3 (
        client_order_id TEXT PRIMARY KEY,
        venue_order_id TEXT,
        venue TEXT NOT NULL,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        -- no CHECK on type, tif or status: their lists grow with the engine, which validates them
        type TEXT NOT NULL,
        tif TEXT NOT NULL,
        post_only INTEGER NOT NULL,
        reduce_only INTEGER NOT NULL,
        price INTEGER,
        stop_price INTEGER,
        expire_at INTEGER,
        qty INTEGER NOT NULL,
        filled_qty INTEGER NOT NULL,
        filled_value INTEGER NOT NULL,
        fees INTEGER NOT NULL,
        status TEXT NOT NULL,
        prior_status TEXT,
        -- an OrderChange as JSON: {"price"?, "stopPrice"?, "qty"?}
        pending_amend TEXT,
        version INTEGER NOT NULL,
        triggered_at INTEGER,
        reject_reason TEXT,
        cancel_reason TEXT,
        group_id TEXT,
        role TEXT,
        parent_id TEXT,
        source TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      -- rowid copied too: loadOrders breaks created_at ties by it
      INSERT INTO orders_v3 (rowid, client_order_id, venue_order_id, venue, symbol, side, type, tif, post_only,
        reduce_only, price, qty, filled_qty, filled_value, fees, status, version, reject_reason, cancel_reason,
        source, created_at, updated_at)
      SELECT rowid, client_order_id, venue_order_id, venue, symbol, side, type, tif, post_only,
        0, price, qty, filled_qty, filled_value, fees, status, 1, reject_reason, cancel_reason,
        source, created_at, updated_at
      FROM orders;

      CREATE TABLE fills_v3 (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        fill_id TEXT NOT NULL,
        client_order_id TEXT NOT NULL REFERENCES orders_v3 (client_order_id),
        venue TEXT NOT NULL,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        price INTEGER NOT NULL,
        qty INTEGER NOT NULL,
        liquidity TEXT NOT NULL,
        fee INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        -- a venue may resend a fill (reconnect, replay): the same fill must never count twice
        UNIQUE (venue, fill_id)
      );
      INSERT INTO fills_v3 SELECT seq, fill_id, client_order_id, venue, symbol, side, price, qty, liquidity, fee, ts FROM fills;
      -- AUTOINCREMENT never reuses a seq: carry its high-water mark over, not just the largest row left
      DELETE FROM sqlite_sequence WHERE name = 'fills_v3';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'fills_v3', seq FROM sqlite_sequence WHERE name = 'fills';

      DROP TABLE fills;
      DROP TABLE orders;
      ALTER TABLE orders_v3 RENAME TO orders;
      ALTER TABLE fills_v3 RENAME TO fills;
      CREATE INDEX orders_by_status ON orders (status);
      CREATE INDEX fills_by_order ON fills (client_order_id);

      -- One row per order event, keyed by the journal record that caused it: replaying the journal
      -- re-projects the same keys, and inserting them again changes nothing.
      CREATE TABLE audit (
        seq INTEGER NOT NULL,
        n INTEGER NOT NULL,
        ts INTEGER NOT NULL,
        client_order_id TEXT NOT NULL,
        venue TEXT NOT NULL,
        symbol TEXT NOT NULL,
        action TEXT NOT NULL,
        source TEXT NOT NULL,
        -- AuditState as JSON: {"status", "price"?, "stopPrice"?, "qty", "filledQty", "version"}
        before_json TEXT,
        after_json TEXT NOT NULL,
        detail TEXT,
        PRIMARY KEY (seq, n)
      ) WITHOUT ROWID;
      CREATE INDEX audit_by_order ON audit (client_order_id, seq);
      CREATE INDEX audit_by_ts ON audit (ts);

      -- An order's terms at each version: 1 as submitted, one more per confirmed amend.
      CREATE TABLE order_versions (
        client_order_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        price INTEGER,
        stop_price INTEGER,
        qty INTEGER NOT NULL,
        at INTEGER NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (client_order_id, version)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'projection watermark',
    // The journal sequence SQLite has projected up to, written in the same transaction as what it
    // projected: a power cut or an older copy of this file rolls both back together, and the next
    // start re-projects every record after it. NULL = a database from before the watermark (its
    // projection was complete up to the journal's latest snapshot, which that version guaranteed); a
    // database without orders starts at 0 (nothing projected yet: a new or deleted file).
    sql: `
      CREATE TABLE projection (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER
      );
      INSERT INTO projection (id, seq) SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM orders) THEN NULL ELSE 0 END;
    `,
  },
  {
    version: 5,
    name: 'orders by last change',
    // The blotter's finished orders come from here once they have left the OMS's memory: the latest first.
    sql: `
      CREATE INDEX orders_by_updated ON orders (updated_at);
    `,
  },
  {
    version: 6,
    name: 'Kite product and after-market variety',
    sql: `
      ALTER TABLE orders ADD COLUMN product TEXT CHECK (product IN ('CNC', 'MIS', 'NRML'));
      ALTER TABLE orders ADD COLUMN after_market INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 7,
    name: 'settlement fills',
    // A fill the venue made itself when a derivative expired (cash settlement), shown as such. Every
    // fill stored before this is a trade (0).
    sql: `
      ALTER TABLE fills ADD COLUMN settlement INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
