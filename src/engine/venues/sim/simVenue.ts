import { Rng, type Clock, type Liquidity, type Lots, type Side, type Symbol, type Ticks, type TimerId, type VenueId } from '../../core';
import type { Instrument } from '../../instruments';
import type { FeeSchedule, VenueAdapter, VenueEvent, VenueOpenOrder, VenueOrderRequest } from '../types';
import { EventOutbox } from './eventOutbox';
import { DEFAULT_SIM_FEES, fillFee } from './fees';
import { SIM_INSTRUMENT_SPECS } from './instruments';
import { MatchingEngine, type EngineFill } from './matchingEngine';
import { loadSimState, quarantineSimState, saveSimState, type PersistedOrder, type SimVenueState } from './persistence';
import { STEP_MS, SyntheticMarket } from './syntheticMarket';
import { validateOrder } from './validation';

export interface SimVenueOptions {
  /** Venue id; 'SIM' unless several simulated venues run side by side. */
  id?: VenueId;
  clock: Clock;
  /** Seed of the synthetic market; the same seed (and clock) gives the same event stream. */
  seed?: number;
  /** Where the venue keeps its own state (sim-venue.json); without it the venue forgets everything on exit. */
  dataDir?: string;
  fees?: FeeSchedule;
  /** Called when an onEvent listener throws; the listener is isolated either way. */
  onListenerError?: (error: unknown) => void;
}

const USER_OWNER = 1;
/** After a stall longer than this (sleep, debugger) the market skips ahead instead of replaying it all. */
const MAX_CATCH_UP_MS = 2_000;
/** The market state is also saved this often, so a crash loses at most this much of the price path. */
const PERIODIC_SAVE_MS = 10_000;
/** How many closed client order ids are remembered to answer a late cancel with "already closed". */
const CLOSED_MEMORY = 10_000;

interface Slot {
  inst: Instrument;
  engine: MatchingEngine;
  market: SyntheticMarket;
  seq: number;
  /** The user's orders resting in this engine, by engine order id. */
  users: Map<number, UserOrder>;
}

interface UserOrder {
  clientOrderId: string;
  venueOrderId: string;
  symbol: Symbol;
  side: Side;
  price: Ticks;
  qty: Lots;
  filledQty: Lots;
  createdAt: number;
  engineId: number | undefined;
}

/**
 * The simulated exchange: one matching engine per instrument shared by synthetic participants and
 * the user, seen only through the VenueAdapter interface, with asynchronous, ordered events.
 */
export class SimVenue implements VenueAdapter {
  readonly id: VenueId;
  readonly fees: FeeSchedule;
  /** True when the venue continues from saved state rather than starting a fresh market. */
  readonly resumed: boolean;
  /** Why saved state could not be restored, if it could not; also reported on the `connected` event. */
  readonly restoreProblem: string | undefined;
  private readonly clock: Clock;
  private readonly dataDir: string | undefined;
  private readonly slots = new Map<Symbol, Slot>();
  private readonly working = new Map<string, UserOrder>();
  private readonly closed = new Set<string>();
  private readonly outbox: EventOutbox;
  private nextOrderNo: number;
  private nextFillNo: number;
  private nextTradeNo: number;
  private connected = false;
  private restored = false;
  private timer: TimerId | undefined;
  private lastStepAt = 0;
  private lastSaveAt = 0;
  private dirty = false;
  private saveTimer: TimerId | undefined;

  constructor(opts: SimVenueOptions) {
    this.id = opts.id ?? 'SIM';
    this.clock = opts.clock;
    this.dataDir = opts.dataDir;
    this.fees = opts.fees ?? DEFAULT_SIM_FEES;
    this.outbox = new EventOutbox(opts.onListenerError ?? ((error) => console.error('SIM venue listener failed', error)));

    const { state, problem } = this.loadState();
    this.restoreProblem = problem;
    this.resumed = state !== undefined;
    // Without saved counters, ids start from the clock (x1000) so they never repeat across runs.
    const idBase = this.clock.now() * 1000;
    this.nextOrderNo = state?.nextOrderNo ?? idBase + 1;
    this.nextFillNo = state?.nextFillNo ?? idBase + 1;
    this.nextTradeNo = state?.nextTradeNo ?? idBase + 1;

    const seeds = new Rng(opts.seed ?? this.clock.now() % 2 ** 32);
    for (const spec of SIM_INSTRUMENT_SPECS) {
      const inst: Instrument = { venue: this.id, ...spec.instrument };
      const engine = new MatchingEngine();
      const instrumentSeed = Math.floor(seeds.next() * 2 ** 32);
      const saved = state?.markets[inst.symbol];
      const market = new SyntheticMarket(engine, spec.market, saved ?? { seed: instrumentSeed });
      market.seedBook();
      engine.drainChanges(); // the first snapshot carries the seeded book
      this.slots.set(inst.symbol, { inst, engine, market, seq: 0, users: new Map() });
    }
    for (const o of state?.orders ?? []) {
      if (this.slots.has(o.symbol)) this.working.set(o.clientOrderId, { ...o, engineId: undefined });
    }
    this.lastSaveAt = this.clock.now();
  }

  instruments(): Instrument[] {
    return [...this.slots.values()].map((s) => s.inst);
  }

  onEvent(listener: (event: VenueEvent) => void): () => void {
    return this.outbox.on(listener);
  }

  async connect(): Promise<void> {
    if (this.connected) return;
    this.connected = true;
    const now = this.clock.now();
    const problem = !this.restored ? this.restoreProblem : undefined;
    this.emit({ type: 'connection', venue: this.id, state: 'connected', ...(problem ? { reason: problem } : {}) });
    if (!this.restored) this.restoreUserOrders();
    for (const slot of this.slots.values()) {
      slot.engine.drainChanges(); // anything before the snapshot is in the snapshot
      this.emit({
        type: 'bookSnapshot',
        venue: this.id,
        symbol: slot.inst.symbol,
        seq: slot.seq,
        bids: slot.engine.levels('buy'),
        asks: slot.engine.levels('sell'),
      });
    }
    this.lastStepAt = now;
    this.timer = this.clock.setInterval(() => this.onTimer(), STEP_MS);
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    if (this.saveTimer !== undefined) this.clock.clearTimer(this.saveTimer);
    this.saveTimer = undefined;
    this.connected = false;
    this.save();
    this.emit({ type: 'connection', venue: this.id, state: 'disconnected' });
  }

  submit(req: VenueOrderRequest): void {
    const ts = this.clock.now();
    const reject = (reason: string): void =>
      this.emit({ type: 'orderRejected', venue: this.id, clientOrderId: req.clientOrderId, reason, ts });
    if (!this.connected) return reject('venue not connected');
    if (this.working.has(req.clientOrderId)) return reject('duplicate clientOrderId: an order with this id is still working');
    const slot = this.slots.get(req.symbol);
    if (!slot) return reject(`unknown symbol ${req.symbol}`);
    const reference = req.side === 'buy' ? slot.engine.bestAsk() : slot.engine.bestBid();
    const invalid = validateOrder(slot.inst, req, reference);
    if (invalid) return reject(invalid);

    const result = slot.engine.submit({
      owner: USER_OWNER,
      side: req.side,
      type: req.type,
      tif: req.tif,
      postOnly: req.postOnly,
      price: req.price,
      qty: req.qty,
    });
    if (!result.ok) return reject(result.reason);
    slot.market.noteFills(result.fills);

    this.closed.delete(req.clientOrderId); // a reused id now names this new order
    const order: UserOrder = {
      clientOrderId: req.clientOrderId,
      venueOrderId: `${this.id}-${this.nextOrderNo++}`,
      symbol: req.symbol,
      side: req.side,
      price: req.price ?? 0,
      qty: req.qty,
      filledQty: 0,
      createdAt: ts,
      engineId: undefined,
    };
    this.emit({ type: 'orderAccepted', venue: this.id, clientOrderId: order.clientOrderId, venueOrderId: order.venueOrderId, ts });
    if (result.resting > 0) {
      order.engineId = result.id;
      this.working.set(order.clientOrderId, order);
      slot.users.set(result.id, order);
    }
    this.dirty = true;
    this.publishFills(slot, result.fills, ts, order);
    if (result.canceled > 0) {
      const reason = req.type === 'market' ? 'market order remainder: no more liquidity' : 'IOC remainder';
      this.emit({ type: 'orderCanceled', venue: this.id, clientOrderId: order.clientOrderId, ts, reason });
      this.remember(order.clientOrderId);
    }
    this.publishBook(slot);
    this.scheduleSave();
  }

  cancel(symbol: Symbol, clientOrderId: string): void {
    const ts = this.clock.now();
    const reject = (reason: string): void => this.emit({ type: 'cancelRejected', venue: this.id, clientOrderId, reason, ts });
    if (!this.connected) return reject('venue not connected');
    const order = this.working.get(clientOrderId);
    if (!order || order.symbol !== symbol) return reject(this.closed.has(clientOrderId) ? 'already closed' : 'unknown order');
    const slot = this.slots.get(symbol)!;
    if (order.engineId !== undefined) {
      slot.engine.cancel(order.engineId);
      slot.users.delete(order.engineId);
    }
    this.close(order);
    this.emit({ type: 'orderCanceled', venue: this.id, clientOrderId, ts });
    this.publishBook(slot);
    this.scheduleSave();
  }

  async openOrders(): Promise<VenueOpenOrder[]> {
    return [...this.working.values()].map((o) => ({
      clientOrderId: o.clientOrderId,
      venueOrderId: o.venueOrderId,
      symbol: o.symbol,
      side: o.side,
      price: o.price,
      qty: o.qty,
      filledQty: o.filledQty,
    }));
  }

  /**
   * Runs the synthetic market over the last `durationMs` before the first connect(), emitting only
   * its trades (with their past timestamps) so charts have history from the start.
   */
  warmUp(durationMs: number): void {
    if (this.connected || this.restored) throw new Error('warmUp() must run before the first connect()');
    const end = this.clock.now();
    // Level changes are not published: the snapshot at connect() carries the resulting book.
    for (const slot of this.slots.values()) slot.engine.setChangeTracking(false);
    for (let t = end - durationMs + STEP_MS; t <= end; t += STEP_MS) {
      for (const slot of this.slots.values()) this.publishFills(slot, slot.market.step(), t);
    }
    for (const slot of this.slots.values()) slot.engine.setChangeTracking(true);
  }

  /** The current book of one instrument, best first (what a full-depth REST snapshot returns). */
  book(symbol: Symbol, maxLevels?: number): { bids: [Ticks, Lots][]; asks: [Ticks, Lots][] } | undefined {
    const slot = this.slots.get(symbol);
    if (!slot) return undefined;
    return { bids: slot.engine.levels('buy', maxLevels), asks: slot.engine.levels('sell', maxLevels) };
  }

  private onTimer(): void {
    const now = this.clock.now();
    if (now - this.lastStepAt > MAX_CATCH_UP_MS) this.lastStepAt = now - STEP_MS;
    while (this.lastStepAt + STEP_MS <= now) {
      this.lastStepAt += STEP_MS;
      for (const slot of this.slots.values()) {
        this.publishFills(slot, slot.market.step(), this.lastStepAt);
        this.publishBook(slot);
      }
    }
    if (this.dataDir && now - this.lastSaveAt >= PERIODIC_SAVE_MS) this.dirty = true;
    this.saveIfDirty();
  }

  /**
   * Public trades for the fills, plus the user's own fills (as taker for `taker`, as maker when
   * hit). Like an exchange's aggregated trade stream, consecutive fills of one taker order at one
   * price print as one trade, so a sweep shows one line per level on the tape.
   */
  private publishFills(slot: Slot, fills: readonly EngineFill[], ts: number, taker?: UserOrder): void {
    for (let i = 0; i < fills.length; ) {
      const first = fills[i]!;
      let qty = 0;
      for (; i < fills.length && fills[i]!.takerId === first.takerId && fills[i]!.price === first.price; i++) {
        const f = fills[i]!;
        qty += f.qty;
        if (taker && f.takerOwner === USER_OWNER) this.userFill(slot, taker, f.price, f.qty, 'taker', ts);
        if (f.makerOwner === USER_OWNER) this.makerFill(slot, f, ts);
      }
      this.emit({
        type: 'trade',
        venue: this.id,
        symbol: slot.inst.symbol,
        ts,
        price: first.price,
        qty,
        aggressor: first.takerSide,
        tradeId: String(this.nextTradeNo++),
      });
    }
  }

  private makerFill(slot: Slot, f: EngineFill, ts: number): void {
    const maker = slot.users.get(f.makerId);
    if (!maker) return;
    if (f.makerRemaining === 0) slot.users.delete(f.makerId);
    this.userFill(slot, maker, f.price, f.qty, 'maker', ts);
  }

  private userFill(slot: Slot, order: UserOrder, price: Ticks, qty: Lots, liquidity: Liquidity, ts: number): void {
    order.filledQty += qty;
    this.emit({
      type: 'orderFilled',
      venue: this.id,
      clientOrderId: order.clientOrderId,
      fillId: `${this.id}-F${this.nextFillNo++}`,
      ts,
      price,
      qty,
      liquidity,
      fee: fillFee(slot.inst, this.fees, price, qty, liquidity),
    });
    if (order.filledQty === order.qty) this.close(order);
    this.dirty = true;
  }

  private publishBook(slot: Slot): void {
    const changes = slot.engine.drainChanges();
    if (changes.length === 0) return;
    slot.seq++;
    this.emit({ type: 'bookDelta', venue: this.id, symbol: slot.inst.symbol, seq: slot.seq, changes });
  }

  private close(order: UserOrder): void {
    this.working.delete(order.clientOrderId);
    this.remember(order.clientOrderId);
    this.dirty = true;
  }

  private remember(clientOrderId: string): void {
    this.closed.add(clientOrderId);
    if (this.closed.size > CLOSED_MEMORY) this.closed.delete(this.closed.values().next().value!);
  }

  /**
   * Puts saved orders back in the book. The fresh synthetic book was seeded around the saved fair
   * value without knowing them, so synthetic quotes an order would cross are withdrawn first: the
   * order rests again as the maker it was, rather than trading on its way in.
   */
  private restoreUserOrders(): void {
    this.restored = true;
    for (const order of this.working.values()) {
      const slot = this.slots.get(order.symbol)!;
      slot.market.withdrawCrossing(order.side, order.price);
      const r = slot.engine.submit({
        owner: USER_OWNER,
        side: order.side,
        type: 'limit',
        tif: 'GTC',
        postOnly: true,
        price: order.price,
        qty: order.qty - order.filledQty,
      });
      if (r.ok) {
        order.engineId = r.id;
        slot.users.set(r.id, order);
      } else {
        // Only possible if two saved user orders cross each other, which a live book never allows.
        this.close(order);
        this.emit({ type: 'orderCanceled', venue: this.id, clientOrderId: order.clientOrderId, ts: this.clock.now(), reason: `not restored: ${r.reason}` });
      }
    }
  }

  private emit(event: VenueEvent): void {
    this.outbox.push(event);
  }

  private loadState(): { state: SimVenueState | undefined; problem: string | undefined } {
    if (!this.dataDir) return { state: undefined, problem: undefined };
    const loaded = loadSimState(this.dataDir, this.id);
    if (loaded.ok) return { state: loaded.state, problem: undefined };
    const aside = quarantineSimState(this.dataDir, String(this.clock.now()), this.id);
    return { state: undefined, problem: `${loaded.reason}; moved to ${aside}, starting afresh` };
  }

  /**
   * A user order change is saved on the next turn of the clock, after its events have gone out: a
   * burst of orders costs one write (with its fsync) instead of one each, and acknowledgements never
   * wait on the disk. A crash inside that one turn loses the change at the venue; the OMS's reconcile
   * then reports the order as not found at the venue.
   */
  private scheduleSave(): void {
    if (!this.dirty || !this.dataDir || this.saveTimer !== undefined) return;
    this.saveTimer = this.clock.setTimeout(() => {
      this.saveTimer = undefined;
      this.saveIfDirty();
    }, 0);
  }

  private saveIfDirty(): void {
    if (this.dirty) this.save();
  }

  private save(): void {
    this.dirty = false;
    if (!this.dataDir) return;
    const now = this.clock.now();
    this.lastSaveAt = now;
    const markets: SimVenueState['markets'] = {};
    for (const [symbol, slot] of this.slots) markets[symbol] = slot.market.state();
    const orders: PersistedOrder[] = [...this.working.values()].map(({ engineId: _, ...o }) => o);
    saveSimState(this.dataDir, {
      version: 1,
      savedAt: now,
      nextOrderNo: this.nextOrderNo,
      nextFillNo: this.nextFillNo,
      nextTradeNo: this.nextTradeNo,
      markets,
      orders,
    }, this.id);
  }
}

export function createSimVenue(opts: SimVenueOptions): SimVenue {
  return new SimVenue(opts);
}
