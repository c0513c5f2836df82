import { Rng, type Clock, type Lots, type Symbol, type Ticks, type TimerId, type VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import type { FeeSchedule, VenueAdapter, VenueAmend, VenueEvent, VenueFill, VenueOrderRequest, VenueOrderState } from '../types';
import { EventOutbox } from './eventOutbox';
import { DEFAULT_SIM_FEES } from './fees';
import { SIM_INSTRUMENT_SPECS } from './instruments';
import { LedgerJournal, simVenueDir } from './ledgerJournal';
import type { LedgerRecord } from './ledgerRecords';
import { MatchingEngine } from './matchingEngine';
import { newSlot, OrderDesk, type Slot } from './orderDesk';
import { loadSimState, quarantineSimState, saveSimState, type LegacyOrders, type SimVenueState } from './persistence';
import { SimLedger } from './simLedger';
import { toVenueState } from './simOrder';
import { listOptions, OptionMaker, type OptionListing, type SavedSeries, type UnderlyingFeed, type UnderlyingSource } from './options';
import { STEP_MS, SyntheticMarket } from './syntheticMarket';

export interface SimVenueOptions {
  /** Venue id; 'SIM' unless several simulated venues run side by side. */
  id?: VenueId;
  clock: Clock;
  /** Seed of the synthetic market; the same seed (and clock) gives the same event stream. */
  seed?: number;
  /**
   * Where the venue keeps its own state: the market in sim-venue.json, the user's orders, fills and
   * positions in its order journal under sim-venues/<id>/. Without it the venue forgets everything on exit.
   */
  dataDir?: string;
  fees?: FeeSchedule;
  /**
   * Lists European options on BTC-USDT and ETH-USDT (options/): four expiries computed from the clock
   * at start, eleven strikes each, calls and puts, quoted by synthetic market makers. Off by default.
   */
  options?: boolean;
  /** Called when an onEvent listener throws; the listener is isolated either way. */
  onListenerError?: (error: unknown) => void;
  /** The spot markets' activity multiplier (SyntheticMarket's `activity`); 1 unless a benchmark loads the UI. */
  activity?: number;
}

/** A spot market's regime as SimVenue.marketRegime reports it. */
export interface SimMarketRegime {
  fairValue: number;
  volRatio: number;
  volPerSqrtSec: number;
}

/** After a stall longer than this (sleep, debugger) the market skips ahead instead of replaying it all. */
const MAX_CATCH_UP_MS = 2_000;
/** Why an expired option refuses orders, and the reason its working orders were canceled. */
export const OPTION_EXPIRED = 'option expired';

/** One listed option: its slot, its maker, its terms and the feed of its underlying. */
interface OptionSlot {
  slot: Slot;
  maker: OptionMaker;
  listing: OptionListing;
  feed: UnderlyingFeed;
}

/** How much of warmUp() the option makers take part in (see warmUp). */
const OPTION_WARM_UP_MS = 5 * 60_000;
/** The market state is saved this often, so a crash loses at most this much of the price path. */
const PERIODIC_SAVE_MS = 10_000;

/**
 * The simulated exchange: one matching engine per instrument shared by synthetic participants and
 * the user, seen only through the VenueAdapter interface, with asynchronous, ordered events.
 *
 * It behaves like a real exchange (Binance is the model): limit, market, stop-market and stop-limit
 * orders; post-only and reduce-only; GTC, IOC, FOK, GTD and DAY; amends with real queue rules (all
 * in OrderDesk). And it outlives the terminal: every change to a user order is journaled, and
 * durable, before the events reporting it are delivered, so a crash never shows the terminal
 * something the venue then forgets.
 *
 * Every public entry point runs as one action (see act()): its events are held back until the
 * action's journal records are committed, then handed to the outbox in order.
 */
export class SimVenue implements VenueAdapter {
  readonly id: VenueId;
  readonly fees: FeeSchedule;
  /** True when the venue continues a saved market rather than starting a fresh one. */
  readonly resumed: boolean;
  /** What could not be restored, if anything; also reported on the first `connected` event. */
  readonly restoreProblem: string | undefined;
  private readonly clock: Clock;
  private readonly dataDir: string | undefined;
  private readonly slots = new Map<Symbol, Slot>();
  private readonly spotMarkets = new Map<Symbol, SyntheticMarket>();
  private readonly options = new Map<Symbol, OptionSlot>();
  /** The live spot markets' activity multiplier (SimVenueOptions.activity). */
  private readonly activity: number;
  private optionSeries: SavedSeries[] = [];
  private optionFeeds = new Map<Symbol, UnderlyingFeed>();
  /** The earliest expiry of an option still trading (Infinity when none): checked every step. */
  private nextOptionExpiry = Infinity;
  private readonly outbox: EventOutbox;
  private readonly ledger: SimLedger;
  private readonly journal: LedgerJournal | undefined;
  private readonly desk: OrderDesk;
  /** Events of the running action, delivered once its records are durable. */
  private pending: VenueEvent[] = [];
  private actionDepth = 0;
  private nextTradeNo: number;
  private connected = false;
  private restored = false;
  /** Set when the order journal failed: the venue stops rather than report what it cannot keep. */
  private failure: string | undefined;
  private timer: TimerId | undefined;
  private deadline: { at: number; timer: TimerId } | undefined;
  private lastStepAt = 0;
  private lastSaveAt = 0;

  constructor(opts: SimVenueOptions) {
    this.id = opts.id ?? 'SIM';
    this.clock = opts.clock;
    this.dataDir = opts.dataDir;
    this.activity = opts.activity ?? 1;
    this.fees = opts.fees ?? DEFAULT_SIM_FEES;
    this.outbox = new EventOutbox(opts.onListenerError ?? ((error) => console.error('SIM venue listener failed', error)));
    // Ids are numbered from the clock (x1000) when there is no history, so they never repeat across runs.
    const idBase = this.clock.now() * 1000;

    const { state, legacy, problem } = this.loadMarketState();
    const problems = problem ? [problem] : [];
    if (this.dataDir) {
      const opened = LedgerJournal.open(simVenueDir(this.dataDir, this.id), this.clock);
      this.ledger = opened.ledger;
      this.journal = opened.journal;
      problems.push(...opened.problems);
    } else {
      this.ledger = new SimLedger();
    }
    this.restoreProblem = problems.length > 0 ? problems.join('; ') : undefined;
    this.resumed = state !== undefined;
    // The saved counter may lag a crash by a few seconds of trades; a clock-based floor keeps ids unique.
    this.nextTradeNo = Math.max(state?.nextTradeNo ?? 0, idBase + 1);
    this.desk = new OrderDesk({
      venue: this.id,
      fees: this.fees,
      slots: this.slots,
      ledger: this.ledger,
      record: (record) => this.record(record),
      emit: (event) => this.pending.push(event),
      nextTradeId: () => String(this.nextTradeNo++),
      idBase,
    });

    const seeds = new Rng(opts.seed ?? this.clock.now() % 2 ** 32);
    for (const spec of SIM_INSTRUMENT_SPECS) {
      const inst: Instrument = { venue: this.id, ...spec.instrument };
      const engine = new MatchingEngine();
      const instrumentSeed = Math.floor(seeds.next() * 2 ** 32);
      const saved = state?.markets[inst.symbol];
      const market = new SyntheticMarket(engine, spec.market, saved ?? { seed: instrumentSeed }, opts.activity);
      market.seedBook();
      engine.drainChanges(); // the first snapshot carries the seeded book
      const slot = newSlot(inst, engine, market);
      engine.setMakerCap(this.desk.makerCap(slot));
      this.slots.set(inst.symbol, slot);
      this.spotMarkets.set(inst.symbol, market);
    }
    // Options draw their seeds after every spot instrument's, so the spot markets are the same with or without them.
    if (opts.options) this.listOptions(seeds, state);
    if (legacy && this.journal) this.act(() => this.desk.importLegacy(legacy));
    this.lastSaveAt = this.clock.now();
  }

  instruments(): Instrument[] {
    return [...this.slots.values()].map((s) => s.inst);
  }

  /**
   * Open interest of a listed option, in lots: the synthetic participants' plus the user's own
   * position (the user's opening trades add to it, closing trades take from it); 0 once expired.
   * Undefined for anything else (spot has no open interest).
   */
  openInterest(symbol: Symbol): Lots | undefined {
    const option = this.options.get(symbol);
    if (!option) return undefined;
    if (option.maker.expired) return 0;
    return option.maker.syntheticOpenInterest + Math.abs(this.ledger.position(symbol));
  }

  /**
   * The synthetic market's latent fair value of a spot instrument, in its quote currency: a model
   * number, not a price anyone can trade at. It is what the options are valued and settled against.
   */
  fairValue(symbol: Symbol): number | undefined {
    const market = this.spotMarkets.get(symbol);
    const inst = this.slots.get(symbol)?.inst;
    return market && inst ? market.fairValue * inst.tickSize * 10 ** -inst.priceDecimals : undefined;
  }

  /**
   * Read-only regime of a spot instrument's synthetic market: its fair value (quote currency), its
   * GARCH volatility relative to the long-run level, and that long-run level per sqrt(second). The
   * simulated news wire (signals/simWire) follows it; nothing here changes the market.
   */
  marketRegime(symbol: Symbol): SimMarketRegime | undefined {
    const fairValue = this.fairValue(symbol);
    const market = this.spotMarkets.get(symbol);
    const spec = SIM_INSTRUMENT_SPECS.find((s) => s.instrument.symbol === symbol);
    return fairValue !== undefined && market && spec ? { fairValue, volRatio: market.volRatio, volPerSqrtSec: spec.market.volPerSqrtSec } : undefined;
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    return this.outbox.on(listener);
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    if (this.failure) {
      this.outbox.push({ type: 'connection', venue: this.id, state: 'disconnected', reason: this.failure });
      return;
    }
    this.act(() => {
      const now = this.clock.now();
      this.connected = true;
      const problem = !this.restored ? this.restoreProblem : undefined;
      this.emit({ type: 'connection', venue: this.id, state: 'connected', ...(problem ? { reason: problem } : {}) });
      if (!this.restored) this.desk.restore(now);
      else this.desk.expireDue(now);
      this.restored = true;
      this.expireOptionsDue(now);
      for (const slot of this.slots.values()) this.desk.settle(slot, now);
      for (const slot of this.slots.values()) {
        slot.engine.drainChanges(); // anything before the snapshot is in the snapshot
        this.emitSnapshot(slot);
      }
      this.lastStepAt = now;
      this.timer = this.clock.setInterval(() => this.onTimer(), STEP_MS);
    });
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.act(() => {
      this.stopTimers();
      this.connected = false;
      this.saveMarket();
      // A restart then replays from here instead of from the last periodic snapshot.
      this.journal?.snapshot();
      this.emit({ type: 'connection', venue: this.id, state: 'disconnected' });
    });
  }

  submit(req: VenueOrderRequest): void {
    this.act(() => {
      const ts = this.clock.now();
      if (!this.connected) return this.desk.refuse(req, 'venue not connected', ts);
      this.expireOptionsDue(ts);
      this.desk.submit(req, ts);
      this.publishAll();
    });
  }

  cancel(symbol: Symbol, clientOrderId: string): void {
    this.act(() => {
      const ts = this.clock.now();
      if (!this.connected) return this.desk.refuseCancel(clientOrderId, 'venue not connected', ts);
      this.desk.cancel(symbol, clientOrderId, ts);
      this.publishAll();
    });
  }

  amend(symbol: Symbol, clientOrderId: string, change: VenueAmend): void {
    this.act(() => {
      const ts = this.clock.now();
      if (!this.connected) return this.desk.refuseAmend(clientOrderId, 'venue not connected', ts);
      this.expireOptionsDue(ts);
      this.desk.amend(symbol, clientOrderId, change, ts);
      this.publishAll();
    });
  }

  async openOrders(): Promise<VenueOrderState[]> {
    return this.ledger.workingOrders().map(toVenueState);
  }

  async queryOrder(symbol: Symbol, clientOrderId: string): Promise<VenueOrderState | undefined> {
    return this.desk.query(symbol, clientOrderId);
  }

  async fillsSince(sinceTs: number, symbols?: readonly Symbol[]): Promise<VenueFill[]> {
    const only = symbols && new Set(symbols);
    return this.ledger.fillsSince(sinceTs).flatMap((f) => (only && !only.has(f.symbol) ? [] : [{ ...f }]));
  }

  /** The user's net position per symbol at this venue, from its own fills (flat symbols left out). */
  positions(): Record<Symbol, Lots> {
    return this.ledger.allPositions();
  }

  /**
   * Runs the synthetic market over the last `durationMs` before the first connect(), emitting only
   * its trades (with their past timestamps) so charts have history from the start.
   */
  warmUp(durationMs: number): void {
    if (this.connected || this.restored) throw new Error('warmUp() must run before the first connect()');
    this.act(() => {
      const end = this.clock.now();
      // Level changes are not published: the snapshot at connect() carries the resulting book.
      for (const slot of this.slots.values()) slot.engine.setChangeTracking(false);
      // The history is the normal market's, whatever load the live market is asked for (and hours of it at
      // SQ_SIM_ACTIVITY's pace would hold the start up for minutes).
      for (const market of this.spotMarkets.values()) market.setActivity(1);
      // Option makers join for the last few minutes only: a trade tape to show, without paying
      // ~85 µs a step for hours of history at every start.
      const optionsFrom = end - OPTION_WARM_UP_MS;
      for (let t = end - durationMs + STEP_MS; t <= end; t += STEP_MS) {
        for (const slot of this.slots.values()) {
          if (t < optionsFrom && this.options.has(slot.inst.symbol)) continue;
          this.desk.publishFills(slot, slot.market.step(t), t);
        }
      }
      for (const slot of this.slots.values()) slot.engine.setChangeTracking(true);
      for (const market of this.spotMarkets.values()) market.setActivity(this.activity);
    });
  }

  /**
   * Answers with the instrument's whole book from its matching engine, as a `bookSnapshot` in order
   * with the deltas: changes not yet published go out first as their own delta, so the snapshot's seq
   * is the last delta's and nothing anyone saw is left out of it. Dropped while disconnected (connect
   * sends every snapshot) and for a symbol the venue does not list.
   */
  requestBookSnapshot(symbol: Symbol): void {
    this.act(() => {
      const slot = this.slots.get(symbol);
      if (!this.connected || !slot) return;
      this.publishBook(slot);
      this.emitSnapshot(slot);
    });
  }

  /** The current book of one instrument, best first (what a full-depth REST snapshot returns). */
  book(symbol: Symbol, maxLevels?: number): { bids: [Ticks, Lots][]; asks: [Ticks, Lots][] } | undefined {
    const slot = this.slots.get(symbol);
    if (!slot) return undefined;
    return { bids: slot.engine.levels('buy', maxLevels), asks: slot.engine.levels('sell', maxLevels) };
  }

  // --- the market and the clock ---------------------------------------------------------------

  private onTimer(): void {
    this.act(() => {
      const now = this.clock.now();
      if (now - this.lastStepAt > MAX_CATCH_UP_MS) this.lastStepAt = now - STEP_MS;
      while (this.lastStepAt + STEP_MS <= now) {
        this.lastStepAt += STEP_MS;
        this.expireOptionsDue(this.lastStepAt);
        for (const slot of this.slots.values()) {
          if (slot.closed) continue;
          this.desk.marketStep(slot, this.lastStepAt);
          this.publishBook(slot);
        }
      }
      if (this.dataDir && now - this.lastSaveAt >= PERIODIC_SAVE_MS) this.saveMarket();
    });
  }

  /** Keeps one clock timer on the earliest GTD/DAY deadline, so an order ends exactly at its time. */
  private armDeadline(): void {
    if (!this.connected) return;
    const next = this.desk.nextDeadline();
    if (this.deadline?.at === next) return;
    if (this.deadline) this.clock.clearTimer(this.deadline.timer);
    this.deadline = undefined;
    if (next === undefined) return;
    const timer = this.clock.setTimeout(() => {
      this.deadline = undefined;
      this.act(() => {
        this.desk.expireDue(this.clock.now());
        this.publishAll();
      });
    }, Math.max(0, next - this.clock.now()));
    this.deadline = { at: next, timer };
  }

  private stopTimers(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    if (this.deadline) this.clock.clearTimer(this.deadline.timer);
    this.deadline = undefined;
  }

  private publishBook(slot: Slot): void {
    if (!slot.engine.hasChanges) return;
    const changes = slot.engine.drainChanges();
    if (changes.length === 0) return;
    slot.seq++;
    this.emit({ type: 'bookDelta', venue: this.id, symbol: slot.inst.symbol, seq: slot.seq, changes });
  }

  private emitSnapshot(slot: Slot): void {
    const { symbol } = slot.inst;
    this.emit({ type: 'bookSnapshot', venue: this.id, symbol, seq: slot.seq, bids: slot.engine.levels('buy'), asks: slot.engine.levels('sell') });
  }

  private publishAll(): void {
    for (const slot of this.slots.values()) this.publishBook(slot);
  }

  // --- actions, events and durability ---------------------------------------------------------

  /** Journals a change (written ahead: durable at the end of the action) and applies it. */
  private record(record: LedgerRecord): void {
    if (this.journal) this.journal.record(record);
    else this.ledger.apply(record);
  }

  /**
   * Runs one venue action. Its events wait in `pending` until its journal records are committed
   * (written to the OS: they survive the process being killed), then go to the outbox in order.
   */
  private act(fn: () => void): void {
    this.actionDepth++;
    try {
      fn();
    } catch (error) {
      if (!this.journal?.failed) throw error;
    } finally {
      if (--this.actionDepth === 0) this.flush();
    }
  }

  private flush(): void {
    try {
      this.journal?.commit();
      if (this.journal?.failed) throw this.journal.failed;
    } catch (error) {
      this.stopOnJournalFailure(error);
      return;
    }
    this.armDeadline();
    const events = this.pending;
    this.pending = [];
    for (const event of events) this.outbox.push(event);
  }

  /**
   * The order journal can no longer make changes durable: the venue goes down, like an exchange
   * losing its storage, and never reports a change it could not keep. It does not come back.
   */
  private stopOnJournalFailure(error: unknown): void {
    this.failure = `SIM order journal failed (${error instanceof Error ? error.message : String(error)}); the venue stopped`;
    this.pending = [];
    this.stopTimers();
    this.connected = false;
    this.outbox.push({ type: 'connection', venue: this.id, state: 'disconnected', reason: this.failure });
  }

  private emit(event: VenueEvent): void {
    this.pending.push(event);
  }

  private loadMarketState(): { state: SimVenueState | undefined; legacy?: LegacyOrders; problem?: string } {
    if (!this.dataDir) return { state: undefined };
    const loaded = loadSimState(this.dataDir, this.id);
    if (loaded.ok) return { state: loaded.state, ...(loaded.legacy ? { legacy: loaded.legacy } : {}) };
    const aside = quarantineSimState(this.dataDir, String(this.clock.now()), this.id);
    return { state: undefined, problem: `${loaded.reason}; moved to ${aside}, starting afresh` };
  }

  private saveMarket(): void {
    if (!this.dataDir) return;
    const now = this.clock.now();
    this.lastSaveAt = now;
    const markets: SimVenueState['markets'] = {};
    for (const [symbol, market] of this.spotMarkets) markets[symbol] = market.state();
    const state: SimVenueState = { version: 2, savedAt: now, nextTradeNo: this.nextTradeNo, markets };
    if (this.options.size > 0) {
      const makers: NonNullable<SimVenueState['options']>['makers'] = {};
      for (const [symbol, o] of this.options) makers[symbol] = o.maker.state();
      const volRatio: Record<Symbol, number> = {};
      for (const [symbol, feed] of this.optionFeeds) volRatio[symbol] = feed.volRatio;
      state.options = { series: this.optionSeries, makers, volRatio };
    }
    saveSimState(this.dataDir, state, this.id);
  }

  // --- options --------------------------------------------------------------------------------

  /** Lists the options (options/listing.ts) and gives each its book and its market maker. */
  private listOptions(seeds: Rng, state: SimVenueState | undefined): void {
    const now = this.clock.now();
    const underlyings = new Map<Symbol, UnderlyingSource>();
    for (const spec of SIM_INSTRUMENT_SPECS) {
      const market = this.spotMarkets.get(spec.instrument.symbol);
      if (!market) continue;
      const { tickSize, priceDecimals } = spec.instrument;
      underlyings.set(spec.instrument.symbol, { market, tickValue: tickSize * 10 ** -priceDecimals, volPerSqrtSec: spec.market.volPerSqrtSec });
    }
    const saved = state?.options;
    const board = listOptions(this.id, now, underlyings, saved?.series ?? [], (symbol) => this.ledger.position(symbol), saved?.volRatio);
    this.optionSeries = board.series;
    this.optionFeeds = board.feeds;
    for (const listing of board.listings) {
      const inst = listing.instrument;
      const feed = board.feeds.get(listing.spec.underlying)!;
      feed.refresh(now);
      // Two draws per option whether or not it was saved, so the seeds do not depend on the file.
      const seed = Math.floor(seeds.next() * 2 ** 32);
      const oi = Math.floor(listing.spec.baseLots * (20 + 180 * seeds.next()));
      const engine = new MatchingEngine();
      const maker = new OptionMaker(engine, listing, feed, saved?.makers[inst.symbol] ?? { seed, oi });
      if (listing.expiry > now) maker.seedBook(now);
      engine.drainChanges();
      const slot = newSlot(inst, engine, maker);
      engine.setMakerCap(this.desk.makerCap(slot));
      this.slots.set(inst.symbol, slot);
      this.options.set(inst.symbol, { slot, maker, listing, feed });
      this.nextOptionExpiry = Math.min(this.nextOptionExpiry, listing.expiry);
    }
  }

  /**
   * Options whose expiry has come stop trading: the maker withdraws, new orders are refused with
   * OPTION_EXPIRED, working orders are canceled, and positions settle in cash at intrinsic value
   * against the underlying's fair value at that moment (rounded to the premium tick). An option that
   * expired while the venue was down settles at connect, against the fair value then.
   */
  private expireOptionsDue(ts: number): void {
    if (ts < this.nextOptionExpiry) return;
    let next = Infinity;
    for (const o of this.options.values()) {
      if (o.maker.expired) continue;
      const { expiry, strike, right, spec } = o.listing;
      if (expiry > ts) {
        next = Math.min(next, expiry);
        continue;
      }
      o.feed.refresh(ts);
      const intrinsic = Math.max(0, right === 'call' ? o.feed.spot - strike : strike - o.feed.spot);
      const settleTicks = Math.round(intrinsic / (spec.tickSize * 10 ** -spec.priceDecimals));
      o.maker.expire();
      this.desk.closeInstrument(o.slot, OPTION_EXPIRED, settleTicks, ts);
      this.publishBook(o.slot);
    }
    this.nextOptionExpiry = next;
  }
}

export function createSimVenue(opts: SimVenueOptions): SimVenue {
  return new SimVenue(opts);
}
