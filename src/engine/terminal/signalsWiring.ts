import { bookKey } from '../book';
import type { NumberFormat, Symbol, VenueId } from '../core';
import type { InstrumentRegistry } from '../instruments';
import type { Store } from '../storage';
import type { SimVenue, VenueAdapter } from '../venues';
import type { AccountsService } from './accountsService';
import { binanceEndpoints } from './liveVenues/binanceEndpoints';
import type { AccountVenues } from './liveVenues/accountVenues';
import type { MarketFeed } from './marketFeed';
import type { OptionsDesk } from './optionsDesk';
import { SignalsDesk } from './signals';
import type { SignalAlertView, SignalSourceView } from './signals/signalsView';
import type { TerminalOptions } from './terminalOptions';

export interface SignalsWiring {
  opts: TerminalOptions;
  store: Store;
  venues: SimVenue[];
  registry: InstrumentRegistry;
  options: OptionsDesk;
  accounts: AccountsService;
  accountVenues: AccountVenues;
  feed: MarketFeed;
  /** What the trader deals with, most relevant first. */
  relevant(): Iterable<{ venue: VenueId; symbol: Symbol }>;
  venue(id: VenueId): VenueAdapter | undefined;
  emitAlert(alert: SignalAlertView): void;
  emitSources(list: SignalSourceView[]): void;
  /** The Settings screen's number format now: a signal alert's message is written in it (alertsWiring's guarded reader). */
  numberFormat(): NumberFormat;
}

/** The signals desk over the terminal's instruments, option index, vault, accounts and candles. */
export function createSignalsDesk(w: SignalsWiring): SignalsDesk {
  const { opts, accounts, feed } = w;
  return new SignalsDesk({
    dataDir: opts.dataDir, clock: opts.clock, logger: opts.logger, settings: w.store, options: opts.signals ?? {}, simVenues: w.venues,
    ...(opts.sqliteBinding !== undefined ? { sqliteBinding: opts.sqliteBinding } : {}),
    instruments: () => w.registry.all(),
    optionIndex: () => w.options.optionIndex(),
    secrets: {
      vault: () => accounts.state().vault,
      set: (name, value) => accounts.setSecret(name, value),
      get: (name) => accounts.secret(name),
      remove: (name) => accounts.removeSecret(name),
    },
    usdmAccounts: () => usdmAccounts(w.accountVenues, accounts),
    relevant: () => [...w.relevant()],
    openInterest: (venue, symbol) => w.venue(venue)?.openInterest?.(symbol),
    minuteBars: (venue, symbol, limit) => feed.candlesOf(bookKey(venue, symbol), 60, limit),
    emitAlert: (alert) => w.emitAlert(alert),
    emitSources: (list) => w.emitSources(list),
    numberFormat: () => w.numberFormat(),
  });
}

/** Binance USD-M accounts wired in now, at their REST base (the signals desk reads their positioning). */
function usdmAccounts(accountVenues: AccountVenues, accounts: AccountsService): { venue: string; restUrl: string }[] {
  return accountVenues.ids().flatMap((id) => {
    const account = accountVenues.accountOf(id);
    if (account?.venue !== 'binance-usdm') return [];
    try {
      return [{ venue: id, restUrl: binanceEndpoints(accounts.settings(account.name), 'binance-usdm').restUrl }];
    } catch {
      return []; // the vault locked meanwhile: no positioning until it is open again
    }
  });
}
