import { type Logger, SqError } from '../core';
import type { Store } from '../storage';

/** The trader's favourite instruments per account (venue id), in the order they were starred. */
export type Watchlists = Record<string, string[]>;

const WATCHLISTS_SETTING = 'ui.watchlists';
const CONFIRM_SETTING = 'ui.confirmProductionOrders';
const DELETE_GTTS_SETTING = 'kill.deleteGtts';
/** Bounds that keep the settings row small whatever a client sends (the bridge schema has the same). */
export const MAX_WATCHLIST_ACCOUNTS = 64;
export const MAX_WATCHLIST_SYMBOLS = 500;

/**
 * What the trader chose about the screen, kept in the engine so it survives restarts and any browser
 * origin (a served UI's localStorage would not): watchlists, the production-confirm option and the
 * kill switch's "delete GTTs" option in the
 * settings store. A write that fails is thrown (the trader is told it was not kept); a stored value of
 * the wrong shape is logged and ignored, so a damaged row never stops the terminal.
 */
export class Preferences {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    /** Told after a watchlist was kept (starred instruments stay in a large venue's list). */
    private readonly watchlistsChanged: () => void = () => {},
  ) {}

  /** Replaces one account's watchlist (an empty list removes it); duplicates are dropped, order kept. */
  setWatchlist(account: string, symbols: readonly string[]): Watchlists {
    const next = { ...this.watchlists() };
    const unique = [...new Set(symbols)];
    if (unique.length > MAX_WATCHLIST_SYMBOLS) throw new SqError('INVALID_INPUT', `a watchlist holds at most ${MAX_WATCHLIST_SYMBOLS} instruments`);
    if (unique.length === 0) delete next[account];
    else next[account] = unique;
    if (Object.keys(next).length > MAX_WATCHLIST_ACCOUNTS) {
      throw new SqError('INVALID_INPUT', `watchlists are kept for at most ${MAX_WATCHLIST_ACCOUNTS} accounts`);
    }
    this.store.setSetting(WATCHLISTS_SETTING, next);
    this.watchlistsChanged();
    return next;
  }

  setConfirmProductionOrders(on: boolean): boolean {
    this.store.setSetting(CONFIRM_SETTING, on);
    return on;
  }

  /** Kite: the kill switch deletes every active GTT too. Off unless the trader chose it (a GTT may be a stop-loss they rely on). */
  setDeleteGttsOnKill(on: boolean): boolean {
    this.store.setSetting(DELETE_GTTS_SETTING, on);
    return on;
  }

  deleteGttsOnKill(): boolean {
    return this.store.getSetting<unknown>(DELETE_GTTS_SETTING) === true;
  }

  watchlists(): Watchlists {
    const stored = this.store.getSetting<unknown>(WATCHLISTS_SETTING);
    if (stored === undefined) return {};
    if (!isWatchlists(stored)) {
      this.logger.warn({ setting: WATCHLISTS_SETTING }, 'stored watchlists have an unexpected shape; ignored');
      return {};
    }
    return stored;
  }

  /** On unless the trader turned it off: the safe default for real money. */
  confirmProductionOrders(): boolean {
    return this.store.getSetting<unknown>(CONFIRM_SETTING) !== false;
  }
}

function isWatchlists(value: unknown): value is Watchlists {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((list) => Array.isArray(list) && list.every((s) => typeof s === 'string'));
}
