import { type Clock, type Logger, Rng, SqError } from '../core';
import { BookService, DEFAULT_CAPACITY } from '../book';
import type { Account } from '../secrets';
import { openStore, type Store } from '../storage';
import { type Journal, openJournal } from '../storage';
import { createSimVenue, type SimVenue } from '../venues';
import type { AccountsService } from './accountsService';
import { adapterForAccount, type MadeAdapter } from './liveVenues/venueFactory';
import type { TerminalOptions } from './terminalOptions';

/** What a terminal runs on, opened before it is built: the settings store, the order journal, the SIM venues, the book worker. */
export interface EngineBase {
  store: Store;
  journal: Journal;
  venues: SimVenue[];
  books: BookService;
}

/** Opens the store and the journal (refusing a journal it cannot trust), creates the SIM venues and the book service. */
export function openEngineBase(opts: TerminalOptions): EngineBase {
  const store = openStore(opts.dataDir, { nativeBinding: opts.sqliteBinding });
  const opened = openJournal(opts.dataDir, { clock: opts.clock, fsync: opts.journalFsync });
  if (!opened.ok) {
    store.close();
    // Never trade on a journal we cannot trust: the trader must look at it first.
    throw new SqError('JOURNAL_CORRUPT', `the order journal cannot be opened: ${opened.error.message}`);
  }
  const { journal, recovery } = opened.value;
  if (recovery.truncated) opts.logger.warn(recovery.truncated, 'order journal: a torn tail was cut off at open');
  // Several simulated venues get different markets from the one seed.
  const venues = (opts.simVenues ?? ['SIM']).map((id, i) =>
    createSimVenue({
      id,
      clock: opts.clock,
      seed: opts.seed === undefined ? undefined : opts.seed + i,
      dataDir: opts.dataDir,
      options: opts.simOptions === true,
      ...(opts.simActivity !== undefined ? { activity: opts.simActivity } : {}),
      onListenerError: (error) => opts.logger.error({ venue: id, err: String(error) }, 'venue listener threw'),
    }),
  );
  // Every SIM instrument publishes a book; with options that is 176 more (thin ones) per venue, so
  // the book buffer gets room for them on top of the default the other venues' books use.
  const capacity = opts.simOptions ? DEFAULT_CAPACITY + venues.reduce((n, v) => n + v.instruments().length, 0) : undefined;
  const books = new BookService({ clock: opts.clock, ...(capacity ? { capacity } : {}), ...(opts.bookWorker ? { worker: opts.bookWorker } : {}) });
  return { store, journal, venues, books };
}

export interface AccountAdapterDeps {
  clock: Clock;
  logger: Logger;
  /** The terminal's seed (tests): the reconnect jitter follows it. */
  seed: number | undefined;
  dataDir: string;
  accounts: AccountsService;
  deleteGttsOnKill(): boolean;
}

/** How an account becomes a venue adapter (LiveVenues calls it on every connect). */
export function accountAdapters(d: AccountAdapterDeps): (account: Account) => MadeAdapter {
  const { clock, logger } = d;
  return (account) =>
    adapterForAccount(account, {
      clock,
      logger,
      random: accountRandom(d.seed, clock.now()),
      dataDir: d.dataDir,
      deleteGttsOnKill: () => d.deleteGttsOnKill(),
      // Kite said TokenException: the token is forgotten, the account goes down and the screen asks for a login.
      kiteSessionEnded: (name, reason) => {
        try {
          d.accounts.endKiteSession(name, reason);
        } catch (error) {
          logger.warn({ account: name, reason: (error as Error).message }, 'Kite session not forgotten (vault locked?): the account stays down until the next login');
        }
      },
    });
}

/** The jitter of the accounts' reconnect backoff: from the terminal's seed (tests), else from the start time (hosts differ). */
function accountRandom(seed: number | undefined, now: number): () => number {
  const rng = new Rng(seed === undefined ? now % 0x1_0000_0000 : seed ^ 0x5eed);
  return () => rng.next();
}
