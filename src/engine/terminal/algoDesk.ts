import type { Clock, Logger, Source, Symbol, VenueId } from '../core';
import { leftOutText, type AlgoEngine, type AlgoPreview, type ConsolidatedBook, type ParentAmend, type ParentSpec, type ParentView, type TcaReport } from '../algos';
import { bookKey, type BookService } from '../book';
import type { InstrumentRegistry } from '../instruments';
import type { OrderManager } from '../oms';
import type { CircuitBreakers, KillSwitch } from '../risk';
import type { FsyncPolicy } from '../storage';
import type { VenueAdapter, VenueEvent } from '../venues';
import { algoAmend, algoSpec, algoView, type AlgoAmendTicket, type AlgoTicket } from './algoTickets';
import { algoTcaCsv, consolidatedBook, FeedTimes, routeMarket, tcaSources } from './algoViews';
import { createAlgoEngine } from './algoWiring';
import type { MarketFeed } from './marketFeed';
import { unwrap } from './unwrap';

export interface AlgoDeskDeps {
  clock: Clock;
  logger: Logger;
  oms: OrderManager;
  books: BookService;
  killSwitch: KillSwitch;
  registry: InstrumentRegistry;
  feed: MarketFeed;
  dataDir: string;
  fsync: FsyncPolicy | undefined;
  venue(id: VenueId): VenueAdapter | undefined;
  emit(view: ParentView): void;
  /** Risk's circuit breakers (a venue they halt is left out of smart plans, "halted by its circuit breaker"). */
  breakers?: CircuitBreakers;
}

/**
 * Execution algos as the terminal offers them: parents started, paused, amended and canceled (in ticks
 * and lots, or as a view's tickets), their TCA, and the consolidated book smart routing reads. Built
 * right after the OMS (see createAlgoEngine: its kill-switch listener must come before boot's).
 */
export class AlgoDesk {
  private readonly engine: AlgoEngine;
  /** When each venue's feed last spoke: what smart routing takes as its book's time. */
  private readonly feedTimes: FeedTimes;

  constructor(private readonly deps: AlgoDeskDeps) {
    const { clock, oms, books, killSwitch, dataDir, fsync, logger, registry, feed } = deps;
    this.feedTimes = new FeedTimes(clock);
    this.engine = createAlgoEngine({
      ...{ clock, oms, books, killSwitch, dataDir, fsync, logger },
      recordedVolume: (venue, symbol) => feed.candlesOf(bookKey(venue, symbol), 60).map((bar) => ({ ts: bar.time * 1000, qty: bar.volume })),
      // Views get a VWAP's profile as its length only (it can be 10,000 weights).
      emit: (view) => deps.emit(this.explained(algoView(view))),
      market: routeMarket({ registry, books, feedTimes: this.feedTimes, venue: (id) => deps.venue(id) }),
      breakers: deps.breakers,
    });
  }

  onVenueEvent(e: VenueEvent): void {
    this.feedTimes.seen(e.venue);
    this.engine.onVenueEvent(e);
  }

  /** At boot, once the OMS is reconciled: parents resume from what it knows (an engaged switch keeps them paused). */
  resume(): void {
    this.engine.recover();
    this.engine.run();
  }

  /** No algo decides while the venues go away (a child sent now would be refused and count as a reject). */
  dispose(): void {
    this.engine.dispose();
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  /** Starts an execution algo (prices in ticks, quantities in lots); resolves once the parent is journaled. */
  async startAlgo(spec: ParentSpec, source: Source): Promise<ParentView> {
    return unwrap(await this.engine.start(spec, source));
  }

  /** Pause, resume, amend and cancel take effect at once and resolve once journaled (a crash keeps them). */
  async pauseAlgo(id: string, source: Source): Promise<ParentView> {
    const view = unwrap(this.engine.pause(id, source));
    await this.engine.settled();
    return this.explained(view);
  }

  async resumeAlgo(id: string): Promise<ParentView> {
    const view = unwrap(this.engine.resume(id));
    await this.engine.settled();
    return this.explained(view);
  }

  async amendAlgo(id: string, change: ParentAmend): Promise<ParentView> {
    const view = unwrap(this.engine.amend(id, change));
    await this.engine.settled();
    return view;
  }

  /** Cancels the parent's working children first; the parent is canceled once they have ended. */
  async cancelAlgo(id: string, source: Source): Promise<ParentView> {
    const view = unwrap(this.engine.cancel(id, source));
    await this.engine.settled();
    return this.explained(view);
  }

  /** Every parent, newest first. */
  listAlgos(): ParentView[] {
    return this.engine.list();
  }

  /** The schedule a parent would follow if started now (nothing is sent). */
  previewAlgo(spec: ParentSpec): AlgoPreview {
    const preview = unwrap(this.engine.preview(spec));
    const inst = this.deps.registry.get(spec.venue, spec.symbol);
    if (!preview.route || !inst) return preview;
    const side = preview.route.side;
    return { ...preview, leftOut: preview.route.excluded.map((e) => leftOutText(e, side, inst)) };
  }

  /** A parent's transaction-cost analysis, in its instrument's ticks and lots. */
  async algoTca(id: string): Promise<TcaReport> {
    // Fills reach the store once journaled: the TCA waits for the ones already applied.
    await this.deps.oms.settled();
    return this.withLeftOut(unwrap(this.engine.tca(id, tcaSources(this.deps.clock, this.deps.feed, this.deps.registry))));
  }

  /** A smart parent's view with why venues were left out of its latest sweep, in words. */
  private explained(view: ParentView): ParentView {
    if (view.params.type !== 'smart') return view;
    const leftOut = this.leftOutTexts(view.id);
    return leftOut ? { ...view, leftOut } : view;
  }

  private withLeftOut(report: TcaReport): TcaReport {
    const leftOut = this.engine.get(report.parentId)?.params.type === 'smart' ? this.leftOutTexts(report.parentId) : undefined;
    return leftOut ? { ...report, leftOut } : report;
  }

  /** The reasons are kept as codes and figures; they become text here, when a view or an export asks, in the parent's instrument's decimals. */
  private leftOutTexts(id: string): string[] | undefined {
    const view = this.engine.get(id);
    const reasons = this.engine.leftOut(id);
    const inst = view && this.deps.registry.get(view.venue, view.symbol);
    if (!inst || !reasons.ok) return undefined;
    return reasons.value.entries.map((e) => leftOutText(e, reasons.value.side, inst));
  }

  /** The TCA as CSV (one parent, or all): the summary or one row per child. */
  async algoTcaCsv(kind: 'parents' | 'children', id?: string): Promise<{ filename: string; csv: string }> {
    await this.deps.oms.settled();
    const { clock, feed, registry } = this.deps;
    const src = tcaSources(clock, feed, registry);
    const reports = (id === undefined ? this.engine.tcaAll(src) : [unwrap(this.engine.tca(id, src))]).map((r) => this.withLeftOut(r));
    return unwrap(algoTcaCsv(reports, this.engine.list(), registry, kind, clock, id));
  }

  /** Algos as a view sends them (decimal strings, a duration); answers the view a view gets. */
  async startAlgoTicket(ticket: AlgoTicket, source: Source): Promise<ParentView> {
    // With its reasons, as its events carry them: a view applying this reply after the first sweep's event keeps them.
    return this.explained(algoView(await this.startAlgo(algoSpec(this.deps.registry, ticket, this.deps.clock.now()), source)));
  }

  previewAlgoTicket(ticket: AlgoTicket): AlgoPreview {
    return this.previewAlgo(algoSpec(this.deps.registry, ticket, this.deps.clock.now()));
  }

  async amendAlgoTicket(id: string, ticket: AlgoAmendTicket): Promise<ParentView> {
    return this.explained(algoView(await this.amendAlgo(id, algoAmend(this.deps.registry, this.engine.get(id), ticket))));
  }

  /** Every parent as views see it, newest first. */
  algoViews(): ParentView[] {
    return this.engine.list().map((v) => this.explained(algoView(v)));
  }

  /** The consolidated book of `symbol` over `venues` (first venue's units): which venue holds each level. */
  consolidatedBook(venues: VenueId[], symbol: Symbol, depth: number): ConsolidatedBook & { venues: VenueId[] } {
    const { registry, books } = this.deps;
    const market = routeMarket({ registry, books, feedTimes: this.feedTimes, venue: (id) => this.deps.venue(id) });
    return unwrap(consolidatedBook(market, books, venues, symbol, depth));
  }
}
