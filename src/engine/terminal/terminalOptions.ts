import type { Clock, Logger, Symbol, VenueId } from '../core';
import type { ParentView } from '../algos';
import type { BookWorkerEntry } from '../book';
import type { Instrument } from '../instruments';
import type { AuditEntry, Fill, Order } from '../oms';
import type { LimitSpec } from '../risk';
import type { DeviceKeyStore } from '../secrets';
import type { FsyncPolicy } from '../storage';
import type { AccountsState } from './accountsService';
import type { Notice } from './alerts';
import type { AnalyticsView } from './analyticsView';
import type { PartialInstrumentList } from './instrumentCatalog';
import type { PortfolioGreeksView } from './portfolioGreeksView';
import type { SignalsOptions } from './signals';
import type { SignalAlertView, SignalSourceView } from './signals/signalsView';
import type { BalancesView, BookView, Candle, KillState, PositionView, RiskState, Status, Trade } from './views';

/* The terminal's contract with its hosts: how it is started, what it emits, what a view watches. */

export interface TerminalOptions {
  dataDir: string;
  clock: Clock;
  logger: Logger;
  mode: Status['mode'];
  /** Seed of the simulated market. */
  seed?: number;
  /** Ids of the simulated venues to run (default one, SIM); e.g. SIM-A and SIM-B to trade two at once. */
  simVenues?: string[];
  /**
   * List European options on the simulated venues (BTC-USDT and ETH-USDT: four expiries, eleven
   * strikes, calls and puts; see venues/sim/options). Off unless asked: the hosts turn it on.
   */
  simOptions?: boolean;
  /** The SIM spot markets' activity multiplier (SimVenueOptions.activity); default 1. */
  simActivity?: number;
  /** Simulated history generated at first start so charts are not empty. */
  warmUpMs?: number;
  bookWorker?: BookWorkerEntry;
  /** better-sqlite3's native addon for the host's runtime (Electron's build); default node_modules'. */
  sqliteBinding?: string;
  riskDefaults?: LimitSpec;
  /** How the order journal reaches the disk; default fsync on every commit (group commit). */
  journalFsync?: FsyncPolicy;
  /** The vault of venue accounts: the host's passphrase (SQ_VAULT_PASSPHRASE), the OS keychain; scryptN for tests only. */
  vault?: { passphrase?: string; deviceKeyStore?: DeviceKeyStore; scryptN?: number };
  /** The signals desk: the SIM wire's interval, providers' endpoints (tests), simulated order-flow training. */
  signals?: SignalsOptions;
}

export type TerminalEvents = {
  book: BookView;
  candle: { venue: string; symbol: string; seconds: number; candle: Candle };
  trades: { venue: string; symbol: string; trades: Trade[] };
  analytics: AnalyticsView;
  order: Order;
  fill: Fill;
  audit: AuditEntry;
  position: PositionView;
  kill: KillState;
  risk: RiskState;
  status: Status;
  accounts: AccountsState;
  /** One account's balances, after every report from its venue. */
  balances: BalancesView;
  /**
   * The instruments the views hold changed: an account connected, or (for a venue too large to list
   * whole) what the trader deals with changed. Always preceded by `instrumentsPartial`.
   */
  instruments: Instrument[];
  /** Venues whose list in `instruments` is partial (search finds the rest); empty when every list is whole. */
  instrumentsPartial: PartialInstrumentList[];
  /** Portfolio Greeks per underlying, sent when they change (recomputed PORTFOLIO_GREEKS_MS apart). */
  portfolioGreeks: PortfolioGreeksView;
  /** A signal alert fired (issue 16). */
  signalAlert: SignalAlertView;
  /** The signal sources' statuses, when one changed (at most a few times a second). */
  signalSources: SignalSourceView[];
  /** A fired alert, a fill, a refusal by the venue, a breaker trip: for toasts (see alerts/notices.ts). */
  notice: Notice;
  /** An execution algo's parent order after any change. */
  algo: ParentView;
};

export interface WatchRequest {
  venue: VenueId;
  symbol: Symbol;
  depth: number;
}
