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
];
