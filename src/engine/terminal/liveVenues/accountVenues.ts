import { bookKey, type BookService } from '../../book';
import type { Clock, ConnectionState, Logger, TimerId, VenueEvent, VenueId } from '../../core';
import type { InstrumentRegistry } from '../../instruments';
import { enforceKillSwitch, type OrderManager } from '../../oms';
import type { KillSwitch } from '../../risk';
import type { AccountView } from '../../secrets';
import type { VenueAdapter } from '../../venues';
import type { AnalyticsFeed } from '../analyticsFeed';
import type { MarketInterest } from '../marketInterest';
import { bindVenueRisk, type RiskParts } from '../riskWiring';
import { bindVenueKill, type VenueKillHooks } from '../venueKill';
import type { VenueStatus } from '../views';
import type { VenueHost } from './liveVenues';
import type { AccountAdapter } from './venueFactory';

/** An account connected as a venue, and what was wired for it. */
interface AccountVenue {
  adapter: AccountAdapter;
  account: AccountView;
  detach: (() => void)[];
  /** Connected at least once: its instruments are registered. */
  everConnected: boolean;
  /** A 'disconnected' came since the last 'connected' (trading or market stream): the next 'connected' is a reconnect. */
  dropped: boolean;
  /** A reconcile is running; `again`: another (re)connect came meanwhile, so one more follows. */
  reconciling: boolean;
  again: boolean;
  /** First-connect attempts that failed, and the timer of the next one. */
  attempts: number;
  retry?: TimerId;
}

/** A first connect that failed is tried again after 5 s, doubling up to 5 minutes. */
const CONNECT_RETRY_MS = 5_000;
const CONNECT_RETRY_MAX_MS = 300_000;

/** The parts of the terminal an account venue is wired into. */
export interface AccountVenueDeps {
  clock: Clock;
  logger: Logger;
  oms: OrderManager;
  books: BookService;
  registry: InstrumentRegistry;
  risk: Pick<RiskParts, 'risk' | 'quotes'>;
  killSwitch: KillSwitch;
  /** The trader's kill options for a venue's own kill, and where its outcome is kept. */
  venueKill: VenueKillHooks;
  interest: MarketInterest;
  analytics(): AnalyticsFeed | undefined;
  /** The status lines by venue id; an account's line is kept here while it is wired. */
  connection: Map<VenueId, VenueStatus>;
  simVenueIds(): readonly string[];
  /** The terminal's handling of every venue event (books, trades, balances, the status line). */
  onVenueEvent(e: VenueEvent): void;
  /** The instruments grew (an account's first connect). */
  instrumentsAdded(): void;
  /** The account's balances are no longer known. */
  forgetBalances(venue: VenueId): void;
  statusChanged(): void;
  stopped(): boolean;
}

/**
 * The accounts connected as venues, wired into the running terminal (LiveVenues decides which): OMS,
 * risk (breakers), the terminal's event handling, stale marking from the adapter's feed, a status line
 * with the account's badge. Instruments and analytics follow its first `connected`; reconcile, the kill
 * switch and unfinished brackets follow every (re)connect. Leaving keeps its working orders in the OMS.
 */
export class AccountVenues implements VenueHost {
  private readonly entries = new Map<VenueId, AccountVenue>();
  /** Accounts refused a connection (name clash, no connector), shown in the status with why. */
  private readonly refused = new Map<string, VenueStatus>();

  constructor(private readonly deps: AccountVenueDeps) {}

  simVenueIds(): readonly string[] {
    return this.deps.simVenueIds();
  }

  adapters(): VenueAdapter[] {
    return [...this.entries.values()].map((e) => e.adapter);
  }

  adapter(id: VenueId): VenueAdapter | undefined {
    return this.entries.get(id)?.adapter;
  }

  accountOf(id: VenueId): AccountView | undefined {
    return this.entries.get(id)?.account;
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  refusedLines(): VenueStatus[] {
    return [...this.refused.values()];
  }

  /** Wires the adapter in and starts connecting it (not waited for: a silent venue must not hold anything up). */
  async attach(adapter: AccountAdapter, account: AccountView): Promise<void> {
    const { deps } = this;
    const id = adapter.id;
    if (deps.stopped()) return;
    if (this.entries.has(id) || deps.simVenueIds().includes(id)) return this.refuse(account, `a venue named ${id} is already running`);
    const added = deps.oms.addVenue(adapter);
    if (!added.ok) return this.refuse(account, added.error.message);
    this.refused.delete(id);
    const entry: AccountVenue = { adapter, account, detach: [], everConnected: false, dropped: false, reconciling: false, again: false, attempts: 0 };
    this.entries.set(id, entry);
    deps.connection.set(id, { venue: id, state: 'disconnected', account: badgeOf(account) });
    entry.detach.push(
      adapter.onEvent((e) => deps.onVenueEvent(e)),
      adapter.onEvent((e) => {
        if (e.type === 'connection') this.onConnection(entry, e.state);
      }),
      bindVenueRisk(deps.risk, deps.oms, adapter),
      bindVenueKill(deps.killSwitch, adapter, deps.logger, deps.venueKill),
    );
    if (adapter.onStale) {
      entry.detach.push(
        adapter.onStale((symbol, reason) => {
          // No book yet (none was ever snapshotted): nothing to mark; its first snapshot will be fresh.
          const key = bookKey(id, symbol);
          if (deps.books.keys().includes(key)) deps.books.markStale(key, reason);
        }),
      );
    }
    deps.statusChanged();
    deps.logger.info({ account: id, venue: account.venue, environment: account.environment }, 'account venue connecting');
    this.connect(entry);
  }

  /**
   * Disconnects an account's venue and unwires it. Its working orders stay in the OMS as they are (the
   * venue still has them); they are reconciled when the account connects again. Its instruments stay
   * registered: its orders, fills and positions are still shown in its decimals.
   */
  async detach(id: VenueId, why: string): Promise<void> {
    const { deps } = this;
    const entry = this.entries.get(id);
    if (!entry) return;
    if (entry.retry !== undefined) deps.clock.clearTimer(entry.retry);
    this.entries.delete(id);
    // Unwired first: a disconnect the trader asked for is not a venue error for the breakers.
    for (const off of entry.detach.splice(0)) off();
    try {
      await entry.adapter.disconnect(); // answers on their way are still journaled: the OMS listens until it returns
    } catch (error) {
      deps.logger.error({ account: id, err: String(error) }, 'account venue disconnect threw');
    }
    // Its books are frozen from here on: stale until the account streams them again.
    for (const key of deps.books.keys()) if (key.startsWith(`${id}:`)) deps.books.markStale(key, `${id} is not connected`);
    const left = deps.oms.removeVenue(id);
    deps.analytics()?.removeVenue(id);
    deps.forgetBalances(id);
    deps.interest.forget(id);
    deps.connection.delete(id);
    deps.logger.info({ account: id, why, workingOrdersLeft: left.length }, 'account venue disconnected');
    deps.statusChanged();
  }

  refuse(account: AccountView, reason: string): void {
    this.refused.set(account.name, { venue: account.name, state: 'disconnected', reason, account: badgeOf(account) });
    this.deps.statusChanged();
  }

  forget(id: string): void {
    if (this.refused.delete(id)) this.deps.statusChanged();
  }

  /** Each account's round trip as its adapter last measured it; true when a line changed. */
  refreshLatency(): boolean {
    let changed = false;
    for (const [id, entry] of this.entries) {
      const line = this.deps.connection.get(id);
      if (!line) continue;
      const ms = entry.adapter.roundTripMs?.();
      if (ms === line.latencyMs) continue;
      if (ms === undefined) delete line.latencyMs;
      else line.latencyMs = ms;
      changed = true;
    }
    return changed;
  }

  /**
   * A first connect that fails (venue unreachable, key refused) is tried again after a growing delay,
   * the reason shown meanwhile; once connected, the adapter and its feed reconnect by themselves.
   */
  private connect(entry: AccountVenue): void {
    const { deps } = this;
    const { adapter } = entry;
    const id = adapter.id;
    const current = () => this.entries.get(id) === entry && !deps.stopped();
    const after = (): void => {
      // Disabled or removed while it was connecting: what connect() opened is closed again.
      if (!current()) return void adapter.disconnect();
      if (entry.everConnected) return;
      const delay = Math.min(CONNECT_RETRY_MAX_MS, CONNECT_RETRY_MS * 2 ** entry.attempts++);
      deps.logger.warn({ account: id, reason: deps.connection.get(id)?.reason, retryInMs: delay }, 'account venue not connected: trying again');
      entry.retry = deps.clock.setTimeout(() => {
        entry.retry = undefined;
        if (current()) this.connect(entry);
      }, delay);
    };
    adapter.connect().then(after, (error: unknown) => {
      // Adapters report failures as events; a throw is a bug, contained to this account.
      deps.logger.error({ account: id, err: String(error) }, 'account venue connect threw');
      if (current()) deps.onVenueEvent({ type: 'connection', venue: id, state: 'disconnected', reason: `connect failed: ${String(error)}` });
      after();
    });
  }

  /**
   * After the first connect: its instruments join the registry and analytics. After every (re)connect
   * (first, or 'connected' after 'disconnected'): its orders and fills are reconciled with the venue, an
   * engaged kill switch is enforced on it, and any bracket or OCO step left unfinished on it is finished.
   */
  private onConnection(entry: AccountVenue, state: ConnectionState): void {
    const { deps } = this;
    if (state === 'disconnected') entry.dropped = true;
    if (state !== 'connected' || this.entries.get(entry.adapter.id) !== entry) return;
    const reconnected = entry.dropped;
    entry.dropped = false;
    const first = !entry.everConnected;
    if (first) {
      entry.everConnected = true;
      const instruments = entry.adapter.instruments();
      for (const inst of instruments) deps.registry.add(inst);
      deps.analytics()?.add(instruments.map((i) => ({ venue: i.venue, symbol: i.symbol, recentVolume: 0, historyMs: 0 })));
      deps.instrumentsAdded();
      deps.interest.forget(entry.adapter.id);
      deps.interest.changed();
    }
    // After a drop, only our working orders there can have changed unheard (orders unknown to us are
    // adopted at the first connect): with none, a reconcile would only spend the venue's request weight.
    const id = entry.adapter.id;
    if (first || (reconnected && deps.oms.openOrders().some((o) => o.venue === id))) void this.reconcile(entry);
  }

  /** One reconcile at a time per account; a (re)connect during one runs another after it. */
  private async reconcile(entry: AccountVenue): Promise<void> {
    const { deps } = this;
    const id = entry.adapter.id;
    if (entry.reconciling) {
      entry.again = true;
      return;
    }
    entry.reconciling = true;
    try {
      do {
        entry.again = false;
        for (const report of await deps.oms.reconcile(id)) deps.logger.info(report, 'reconciled with account venue');
        if (this.entries.get(id) !== entry || deps.stopped()) return;
        enforceKillSwitch(deps.killSwitch, deps.oms, deps.logger);
        deps.oms.resumeContingent(id);
      } while (entry.again);
    } catch (error) {
      deps.logger.error({ account: id, err: String(error) }, 'account reconcile failed');
    } finally {
      entry.reconciling = false;
    }
  }
}

function badgeOf(account: AccountView): NonNullable<VenueStatus['account']> {
  const { rest, stream, wsApi } = account.customEndpoints;
  return { venue: account.venue, environment: account.environment, customEndpoints: rest || stream || wsApi };
}
