import Database from 'better-sqlite3';
import type { Store } from './store';

const WRITES = new Set<keyof Store>(['saveOrder', 'insertFill', 'insertAudit', 'insertVersion', 'appendKillSwitchEvent', 'setSetting', 'transaction']);

/**
 * The real store, whose writes fail from `full()` on with the error SQLite raises on a full disk
 * (SQLITE_FULL, as better-sqlite3 throws it). Reads keep working, as they do on a full disk.
 */
export function storeOnFullDisk(store: Store): { store: Store; full(): void } {
  let isFull = false;
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (isFull && WRITES.has(key as keyof Store)) throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, full: () => (isFull = true) };
}
