import { DEFAULT_RECONNECT_BACKOFF, err, EventBus, ok, Rng, silentLogger, type Clock, type Logger, type Result, type Source, type TimerId, type VenueEvent } from '../core';
import type { OrderManager } from '../oms';
import type { CircuitBreakers, KillSwitch } from '../risk';
import type { FsyncPolicy } from '../storage';
import type { BookSource, RouteMarket } from './algorithm';
import type { LeftOut } from './router/leftOut';
import { buildPreview, type AlgoPreview } from './preview';
import { smartGrid } from './strategies/smart';
import { breakerHalt } from './breakerHalt';
import { parentTca, type TcaSources } from './parentTca';
import type { TcaReport } from './tca';
import { specProblem } from './createAlgorithm';
import { ParentJournal, type ParentRecord } from './parentJournal';
import { ParentRunner, type RetryPolicy, type RunnerDeps } from './parentRunner';
import { profileFromTrades } from './strategies/vwap';
import { isFinalParent, type AlgoParams, type ParentAmend, type ParentSpec, type ParentView } from './types';

const DAY_MS = 86_400_000;

export interface AlgoEngineOptions {
  clock: Clock;
  oms: OrderManager;
  books: BookSource;
  killSwitch: KillSwitch;
  /** The parents' journal lives in `<dataDir>/algos/journal`. */
  dataDir: string;
  fsync?: FsyncPolicy;
  logger?: Logger;
  /** Every running parent decides at least this often (ms of the engine clock); default 100. */
  tickMs?: number;
  retry?: RetryPolicy;
  /** Prefix of parent ids; default derived from the clock so each run's differ. */
  idPrefix?: string;
  /**
   * Recorded prints of an instrument (any days; e.g. its archived one-minute candles): what a VWAP
   * given `buckets` instead of a profile builds its profile from, by time of day.
   */
  recordedVolume?: (venue: string, symbol: string) => Iterable<{ ts: number; qty: number }>;
  /** The venues' depth, feed times, fees and latency, for smart routing; without it a smart parent is refused. */
  market?: RouteMarket;
  /** Risk's circuit breakers: a venue (or its instrument) whose breaker admits no order is left out of smart plans up front. */
  breakers?: CircuitBreakers;
}

export interface AlgoEvents {
  /** A parent after any change (the view the Algos panel shows). */
  algo: ParentView;
}

/**
 * The market as routing sees it: a venue not connected to the OMS counted as down, one whose circuit
 * breaker admits no order halted (the router routes around both).
 */
function connectedThrough(market: RouteMarket, oms: OrderManager, breakers: CircuitBreakers | undefined): RouteMarket {
  return {
    instrument: (venue, symbol) => market.instrument(venue, symbol),
    book: (venue, symbol, depth) => market.book(venue, symbol, depth),
    bookAt: (venue) => market.bookAt(venue),
    takerBps: (venue) => market.takerBps(venue),
    latencyMs: (venue) => market.latencyMs(venue),
    connected: (venue) => (market.connected?.(venue) ?? true) && oms.hasVenue(venue),
    halted: (venue, symbol) => market.halted?.(venue, symbol) ?? (breakers ? breakerHalt(breakers, venue, symbol) : undefined),
  };
}

const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, backoff: { initialMs: DEFAULT_RECONNECT_BACKOFF.initialMs, maxMs: 10_000 } };

/**
 * Owns every parent order. Children are ordinary OMS orders (source 'algo', parentId = the parent's
 * id); the parents' terms and state moves are in their own journal (parentJournal.ts says why).
 *
 * Life: construct (opens the journal) -> recover() once the OMS has recovered and reconciled (and the
 * kill switch is enforced) -> run() starts the decision tick -> close(). The kill switch is watched
 * from construction: engaging it pauses every running algo synchronously, inside the switch's own
 * event, and the switch's flag (set before that event) is asked before every child, so no child can
 * leave after it engaged whatever the order of listeners. Its reset restarts nothing.
 */
export class AlgoEngine {
  readonly events: EventBus<AlgoEvents>;
  private readonly journal: ParentJournal;
  private readonly runners = new Map<string, ParentRunner>();
  /** The parents not final yet: the only ones market events and ticks reach (finished ones stay listed). */
  private readonly live = new Set<ParentRunner>();
  private readonly deps: RunnerDeps;
  private readonly detach: (() => void)[] = [];
  private readonly log: Logger;
  private readonly prefix: string;
  private counter = 0;
  private timer: TimerId | undefined;
  private journalFailure: string | undefined;

  constructor(private readonly opts: AlgoEngineOptions) {
    this.log = opts.logger ?? silentLogger;
    this.events = new EventBus<AlgoEvents>((event, error) => this.log.error({ event, error: String(error) }, 'algo listener threw'));
    this.journal = ParentJournal.open(opts.dataDir, opts.clock, this.log, opts.fsync);
    this.prefix = opts.idPrefix ?? `A${opts.clock.now().toString(36)}`;
    const rng = new Rng(opts.clock.now() % 2 ** 32);
    this.deps = {
      clock: opts.clock,
      oms: opts.oms,
      books: opts.books,
      ...(opts.market ? { market: connectedThrough(opts.market, opts.oms, opts.breakers) } : {}),
      journal: this.journal,
      log: this.log,
      retry: opts.retry ?? DEFAULT_RETRY,
      random: () => rng.next(),
      halted: () => opts.killSwitch.isEngaged() || this.journalFailure !== undefined,
      changed: (view) => {
        if (isFinalParent(view.state)) {
          const runner = this.runners.get(view.id);
          if (runner) this.live.delete(runner);
        }
        this.events.emit('algo', view);
      },
      journalFailed: (error) => this.onJournalFailure(error),
    };
    this.detach.push(
      opts.killSwitch.events.on('kill', (status) => {
        if (status.state === 'engaged') this.haltAll(`kill switch engaged${status.reason ? `: ${status.reason}` : ''}`);
      }),
      opts.oms.events.on('applied', (order) => {
        if (order.parentId !== undefined) this.runners.get(order.parentId)?.onChild(order);
      }),
    );
  }

  /**
   * After the OMS has recovered and reconciled: every parent the journal holds comes back with its
   * children as the OMS knows them (done = their fills, working ones adopted, nothing re-sent). One
   * that was running stays paused if its trader chose "on restart: stop", or while the kill switch is
   * engaged; the others carry on at the next tick with exactly what is left.
   */
  recover(): { resumed: number; stopped: number } {
    let resumed = 0;
    let stopped = 0;
    for (const record of this.journal.all()) {
      const runner = new ParentRunner(record, this.deps);
      this.runners.set(record.id, runner);
      if (!isFinalParent(record.state)) this.live.add(runner);
      runner.adoptChildren();
      if (isFinalParent(runner.state)) continue;
      const wasActive = runner.state === 'running' || runner.state === 'pending';
      if (wasActive && this.opts.killSwitch.isEngaged()) runner.stopAtRestart('kill switch engaged at restart');
      else if (wasActive && record.spec.onRestart === 'stop') runner.stopAtRestart('stopped at restart (on restart: stop)');
      if (runner.state === 'running' || runner.state === 'pending') resumed++;
      else stopped++;
    }
    if (resumed + stopped > 0) this.log.info({ resumed, stopped }, 'algos recovered');
    return { resumed, stopped };
  }

  /** Starts the decision tick (every running parent decides at least every tickMs). */
  run(): void {
    if (this.timer !== undefined) return;
    this.timer = this.opts.clock.setInterval(() => this.tick(), this.opts.tickMs ?? 100);
  }

  /** A new parent: validated, journaled (durable before any child), then running from its start time. */
  async start(spec: ParentSpec, source: Source): Promise<Result<ParentView>> {
    const now = this.opts.clock.now();
    const problem = specProblem(spec, now);
    if (problem) return err('INVALID_INPUT', problem);
    if (!this.opts.oms.hasVenue(spec.venue)) return err('VENUE_UNAVAILABLE', `venue ${spec.venue} is not connected`);
    if (this.deps.halted()) return err('KILL_SWITCH', 'trading is stopped (kill switch engaged or a journal failed): no algo may start');
    const startAt = spec.startAt ?? now;
    const params = this.resolveParams(spec, startAt);
    if (!params.ok) return params;
    const routed = this.routeProblem(spec);
    if (routed) return err(routed.code, routed.message);
    const id = this.freshId();
    const record: ParentRecord = {
      id,
      spec: { ...structuredClone(spec), params: params.value, startAt, seed: spec.seed ?? (now ^ (this.counter * 2654435761)) >>> 0 },
      createdAt: now,
      state: 'pending',
      updatedAt: now,
    };
    // The arrival price of the TCA: captured now and journaled with the parent, so it survives a restart.
    const arrival = this.midOf(spec);
    if (arrival !== undefined) record.arrivalMid = arrival;
    try {
      await this.journal.created(record);
    } catch (error) {
      this.onJournalFailure(error);
      return err('JOURNAL_FAILED', `the algo could not be recorded: ${String(error)}`);
    }
    const runner = new ParentRunner(structuredClone(record), this.deps);
    this.runners.set(id, runner);
    this.live.add(runner);
    this.log.info({ algo: id, type: spec.params.type, venue: spec.venue, symbol: spec.symbol, side: spec.side, qty: spec.qty, source }, 'algo started');
    this.events.emit('algo', runner.view());
    // The switch may have engaged while the parent was being journaled: it never ran, and stays paused.
    if (this.deps.halted()) runner.halt('kill switch engaged before it started');
    else runner.step(this.opts.clock.now());
    return ok(runner.view());
  }

  pause(id: string, source: Source): Result<ParentView> {
    return this.act(id, (r) => r.pause(`paused by ${source}`));
  }

  resume(id: string): Result<ParentView> {
    return this.act(id, (r) => r.resume());
  }

  /** Cancels a parent: its working children first; it is canceled once they have ended. */
  cancel(id: string, source: Source): Result<ParentView> {
    return this.act(id, (r) => r.cancel(`canceled by ${source}`));
  }

  amend(id: string, change: ParentAmend): Result<ParentView> {
    return this.act(id, (r) => r.amend(change));
  }

  /** Resolves once every parent move made so far is durable: the trader's pause or cancel survives a crash from then on. */
  settled(): Promise<void> {
    return this.journal.settled();
  }

  get(id: string): ParentView | undefined {
    return this.runners.get(id)?.view();
  }

  /** Every parent, newest first. */
  list(): ParentView[] {
    return [...this.runners.values()].map((r) => r.view()).sort((a, b) => b.createdAt - a.createdAt);
  }

  /**
   * The schedule a parent would follow if started now (nothing is journaled or sent): slice times and
   * sizes for TWAP, VWAP and Shortfall (the Almgren-Chriss trajectory), the routed split for smart.
   */
  preview(spec: ParentSpec): Result<AlgoPreview> {
    const now = this.opts.clock.now();
    const problem = specProblem(spec, now);
    if (problem) return err('INVALID_INPUT', problem);
    const routed = this.routeProblem(spec);
    if (routed) return err(routed.code, routed.message);
    const startAt = spec.startAt ?? now;
    const params = this.resolveParams(spec, startAt);
    if (!params.ok) return params;
    // The market as the parent will route on it (a halted venue is left out of the preview too).
    return buildPreview({ ...spec, params: params.value }, startAt, this.deps.market, this.opts.clock, this.midOf(spec));
  }

  /** The transaction-cost analysis of one parent, from its children's fills in the OMS and the market's prints. */
  tca(id: string, sources: TcaSources): Result<TcaReport> {
    const runner = this.runners.get(id);
    if (!runner) return err('UNKNOWN_ORDER', `no algo ${id}`);
    return parentTca(runner.view(), runner.algorithm, this.opts.oms, sources, this.midOf(runner.view()));
  }

  /** Why venues were left out of a routed parent's latest sweep (codes and figures in its ticks and lots; leftOutText for words). */
  leftOut(id: string): Result<{ side: ParentView['side']; entries: LeftOut[] }> {
    const runner = this.runners.get(id);
    if (!runner) return err('UNKNOWN_ORDER', `no algo ${id}`);
    return ok({ side: runner.view().side, entries: runner.leftOut() });
  }

  /** Every parent's TCA (newest first); a parent that cannot be analysed yet (no arrival price) is skipped. */
  tcaAll(sources: TcaSources): TcaReport[] {
    const out: TcaReport[] = [];
    for (const view of this.list()) {
      const r = this.tca(view.id, sources);
      if (r.ok) out.push(r.value);
    }
    return out;
  }

  /** Any venue event: prints count toward POV and participation; prints and book changes prompt a decision. */
  onVenueEvent(e: VenueEvent): void {
    if (this.live.size === 0) return;
    if (e.type === 'trade') this.onTrade(e.venue, e.symbol, e.qty);
    else if (e.type === 'bookDelta' || e.type === 'bookSnapshot') this.onBook(e.venue, e.symbol);
  }

  /** A print on an instrument (from the venues' trade streams). */
  onTrade(venue: string, symbol: string, qty: number): void {
    const now = this.opts.clock.now();
    for (const r of this.live) {
      if (!r.watches(venue, symbol)) continue;
      r.onTrade(qty, now);
      r.step(now);
    }
  }

  /** The book of an instrument changed. */
  onBook(venue: string, symbol: string): void {
    const now = this.opts.clock.now();
    for (const r of this.live) if (r.watches(venue, symbol)) r.step(now);
  }

  /** Pauses every running or pending parent at once (the kill switch; a journal failure). */
  haltAll(reason: string): void {
    for (const r of this.live) r.halt(reason);
  }

  /** Stops the tick and the listeners; snapshots and closes the journal. */
  async close(): Promise<void> {
    this.dispose();
    await this.journal.close();
  }

  /** Stops the tick and the listeners: nothing more is decided or sent; writes nothing (also what a crash does). */
  dispose(): void {
    if (this.timer !== undefined) this.opts.clock.clearTimer(this.timer);
    this.timer = undefined;
    for (const off of this.detach.splice(0)) off();
  }

  private tick(): void {
    const now = this.opts.clock.now();
    for (const r of this.live) r.step(now);
  }

  /** A VWAP asked to follow recorded volume gets its profile now, so the journal holds the schedule it runs. */
  private resolveParams(spec: ParentSpec, startAt: number): Result<AlgoParams> {
    const p = spec.params;
    if (p.type !== 'vwap' || p.profile !== undefined) return ok(structuredClone(p));
    const buckets = p.buckets!;
    if (spec.endAt - startAt > DAY_MS) return err('INVALID_INPUT', 'a VWAP on recorded volume needs a window of at most a day');
    const prints = [...(this.opts.recordedVolume?.(spec.venue, spec.symbol) ?? [])];
    const profile = profileFromTrades(prints, startAt, spec.endAt, buckets);
    if (profile.length === 0) {
      return err('INVALID_INPUT', `no recorded volume of ${spec.venue}:${spec.symbol} in this window's hours: supply a profile`);
    }
    return ok({ type: 'vwap', profile, buckets });
  }

  /** Why a smart parent cannot route as asked (no market, a venue not connected, instruments that do not merge). */
  private routeProblem(spec: ParentSpec): { code: 'INVALID_INPUT' | 'VENUE_UNAVAILABLE'; message: string } | undefined {
    if (spec.params.type !== 'smart') return undefined;
    const market = this.opts.market;
    if (!market) return { code: 'INVALID_INPUT', message: 'smart routing is not available here (no multi-venue market)' };
    for (const v of spec.params.venues) if (!this.opts.oms.hasVenue(v)) return { code: 'VENUE_UNAVAILABLE', message: `venue ${v} is not connected` };
    const grid = smartGrid(market, spec.venue, spec.params.venues, spec.symbol);
    return grid.ok ? undefined : { code: 'INVALID_INPUT', message: grid.error.message };
  }

  /**
   * The mid now in the parent's ticks (may end in .5): its venue's live touch, or for smart routing the
   * best bid and ask over its venues (same ticks: the grid is anchored on the parent's venue and every
   * factor is checked at start). Undefined without a live two-sided book.
   */
  private midOf(spec: Pick<ParentSpec, 'venue' | 'symbol' | 'params'>): number | undefined {
    const venues = spec.params.type === 'smart' ? spec.params.venues : [spec.venue];
    let bid = -Infinity;
    let ask = Infinity;
    for (const v of venues) {
      const q = this.opts.books.quote(v, spec.symbol);
      if (!q || q.stale) continue;
      const pf = v === spec.venue ? 1 : this.priceFactor(spec, v);
      if (pf === undefined) continue;
      if (Number.isFinite(q.bid)) bid = Math.max(bid, q.bid * pf);
      if (Number.isFinite(q.ask)) ask = Math.min(ask, q.ask * pf);
    }
    if (!Number.isFinite(bid) || !Number.isFinite(ask)) return undefined;
    // Venues drifting apart can cross the consolidated book (one's bid above the other's ask): that mid is
    // no price anyone saw, so the arrival is the parent's own venue's mid then.
    if (bid >= ask && venues.length > 1) return this.midOf({ ...spec, params: { type: 'sniper' } });
    return (bid + ask) / 2;
  }

  private priceFactor(spec: Pick<ParentSpec, 'venue' | 'symbol' | 'params'>, venue: string): number | undefined {
    if (spec.params.type !== 'smart' || !this.opts.market) return undefined;
    const grid = smartGrid(this.opts.market, spec.venue, spec.params.venues, spec.symbol);
    return grid.ok ? grid.value.venues.find((g) => g.venue === venue)?.priceFactor : undefined;
  }

  private act(id: string, action: (r: ParentRunner) => Result<void>): Result<ParentView> {
    const runner = this.runners.get(id);
    if (!runner) return err('UNKNOWN_ORDER', `no algo ${id}`);
    const done = action(runner);
    return done.ok ? ok(runner.view()) : done;
  }

  private freshId(): string {
    for (;;) {
      const id = `${this.prefix}-${++this.counter}`;
      if (!this.runners.has(id) && !this.opts.oms.get(`${id}.1`)) return id;
    }
  }

  private onJournalFailure(error: unknown): void {
    if (this.journalFailure !== undefined) return;
    this.journalFailure = String(error);
    this.log.error({ error: this.journalFailure }, 'algo journal failed: every algo stops');
    this.haltAll(`the algo journal failed: ${this.journalFailure}`);
  }
}
