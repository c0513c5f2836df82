import { backoffDelayMs, err, ok, type BackoffPolicy, type Clock, type Logger, type Result } from '../core';
import { isWorking, type Order, type OrderManager, type OrderRequest } from '../oms';
import { farTouch, type AlgoQuote, type Algorithm, type BookSource, type ChildIntent, type DecisionInput, type RouteMarket, type RoutedIntent } from './algorithm';
import { createAlgorithm } from './createAlgorithm';
import { CapCause, LeftOutCode, LeftOutLog, type LeftOut } from './router/leftOut';
import type { ParentEnding, ParentJournal, ParentRecord } from './parentJournal';
import { canMoveParent } from './parentStates';
import { isFinalParent, type ParentAmend, type ParentState, type ParentView } from './types';

export interface RetryPolicy {
  /** Rejections of children in a row tolerated; the next fails the parent with the venue's reason. */
  maxRetries: number;
  backoff: BackoffPolicy;
}

export interface RunnerDeps {
  clock: Clock;
  oms: OrderManager;
  books: BookSource;
  /** The venues' depth, feed times, fees and latency: what a routing algorithm (smart) plans on. */
  market?: RouteMarket;
  journal: ParentJournal;
  log: Logger;
  retry: RetryPolicy;
  random: () => number;
  /** True while nothing may be sent (kill switch engaged, a journal failed): asked before every child. */
  halted(): boolean;
  changed(view: ParentView): void;
  /** A journal write failed: nothing more can be recorded, so every algo must stop. */
  journalFailed(error: unknown): void;
}

/** What one child has contributed, from the OMS's view of it. */
interface ChildTally {
  filled: number;
  value: number;
  open: number;
  price: number | undefined;
  tif: string;
  rejected: boolean;
  cancelSent: boolean;
}

/** Child n of a parent: `<parentId>.<n>`, n from 1 with no gaps, so a restart finds them all by asking the OMS. */
export const childId = (parentId: string, n: number): string => `${parentId}.${n}`;

/** Whether a venue of the sweep came before index i already (a sweep lists a handful of venues: a scan, no Set). */
function sentEarlier(intents: readonly RoutedIntent[], i: number): boolean {
  for (let j = 0; j < i; j++) if (intents[j]!.venue === intents[i]!.venue) return true;
  return false;
}

/** A routed child at the parent's own venue is in the parent's units already. */
const SAME_UNITS = { priceFactor: 1, qtyFactor: 1 } as const;

const isOpen = (o: Order): boolean => isWorking(o) || o.unknownReason !== undefined;

/**
 * One parent order at run time: asks its algorithm what to send, sends children through the OMS (the
 * same risk checks as any order, source 'algo', parentId set), and keeps its progress from what the
 * OMS says of those children. Rules that hold whatever the algorithm asks:
 * - one child working at a time, at most one sent per ms of the engine clock; done + working never
 *   exceeds the parent's quantity. A routing algorithm (route()) sends a sweep instead: several IOC
 *   children at once, at most one per venue and one sweep per ms, each capped in turn by what the
 *   children before it took out of the same remainder, the halt flag asked before each; the next sweep
 *   waits until every child of this one has ended. Children keep the `<parentId>.<n>` numbering without
 *   gaps (each is in the OMS journal before it is sent), so crash resume adopts a sweep like any child;
 * - no child is priced through the limit, and an IOC that could take nothing at its price is not sent;
 * - nothing is sent while halted (kill switch, journal failure), paused, outside the window, while its
 *   venue is not connected to the OMS, during a rejection's backoff, on a stale book (that pauses it
 *   until the book is live again) or while the spread is wider than maxSpread;
 * - participation: done + working never exceeds maxParticipation of the volume seen since the start.
 */
export class ParentRunner {
  private readonly algo: Algorithm;
  /** Every child's tally (an ended child may still hear a late fill); `working` indexes the open ones. */
  private readonly children = new Map<string, ChildTally>();
  private readonly working = new Set<string>();
  private nextChild = 1;
  private done = 0;
  private value = 0;
  private open = 0;
  private marketVolume = 0;
  /** Engine-clock ms of the last child sent: at most one per ms, so no chain of events can run away. */
  private lastSentAt = -1;
  private rejects = 0;
  private retryAt = 0;
  /** Paused by a stale book (not the trader): resumes itself once the book is live. */
  private stalePaused = false;
  /**
   * Scratch for one decision (its input, the would-price intent, the capped child), reused so that a
   * decision on every market event allocates nothing. `deciding` is set while they are in use: a step
   * re-entered from inside one (an OMS call that synchronously moves the book) gets fresh objects, so
   * the outer decision never sees its input change under it.
   */
  private readonly scratchInput: DecisionInput;
  private readonly scratchWould: ChildIntent = { qty: 0, price: 0, tif: 'IOC' };
  private readonly scratchChild: ChildIntent = { qty: 0, price: 0, tif: 'IOC' };
  /** The routed sweep's intents (route()'s `out`), reused like the intents above. */
  private readonly scratchRoutes: RoutedIntent[] = [];
  private deciding = false;
  /**
   * Why venues got nothing (or less than planned) in a routed sweep: `decision` is the latest sweep's,
   * rewritten at each; `sent` the last one that placed a child, with its children's later refusals.
   * Codes and figures in slots kept for the parent's life: the text is made only when a view asks.
   */
  private readonly decisionLeftOut = new LeftOutLog();
  private readonly sentLeftOut = new LeftOutLog();
  /** Each venue's latest refused child over the parent's life: a refusal stays in view after later sweeps. */
  private readonly refusals = new LeftOutLog();
  /** The reasons the views last heard of (with a sweep's children, or alone when they changed with nothing sent). */
  private readonly reportedLeftOut = new LeftOutLog();
  private sweeping = false;
  /** Whether the latest sweep placed a child (its reasons are then `sent`'s, with any refusal since). */
  private lastSweepSent = false;


  constructor(
    private readonly record: ParentRecord,
    private readonly deps: RunnerDeps,
  ) {
    const s = record.spec;
    this.algo = createAlgorithm(s.params, s.startAt, s.endAt, s.seed, { market: deps.market, clock: deps.clock, venue: s.venue, symbol: s.symbol });
    this.scratchInput = { now: 0, side: s.side, total: 0, done: 0, open: 0, quote: { bid: NaN, bidQty: 0, ask: NaN, askQty: 0, stale: true }, limit: undefined, marketVolume: 0, startAt: s.startAt, endAt: s.endAt };
  }

  /**
   * Why venues were left out of its routing at the latest sweep (copies): why nothing went there then,
   * or why nothing goes now; then each venue's latest refused child, however long ago (a refusal is what
   * a trader asks about after a poor fill, and later sweeps would hide it). Empty for an algo that does not route.
   */
  leftOut(): LeftOut[] {
    const latest = (this.lastSweepSent ? this.sentLeftOut : this.decisionLeftOut).entries();
    for (const r of this.refusals.entries()) {
      if (!latest.some((e) => e.venue === r.venue && e.code === LeftOutCode.REFUSED)) latest.push(r);
    }
    return latest;
  }

  /** Whether prints and book changes of this instrument concern the parent (every routed venue's, for smart). */
  watches(venue: string, symbol: string): boolean {
    const s = this.record.spec;
    if (symbol !== s.symbol) return false;
    return venue === s.venue || (s.params.type === 'smart' && s.params.venues.includes(venue));
  }

  /** The parent's algorithm (the engine asks a smart one for its plan, to preview it). */
  get algorithm(): Algorithm {
    return this.algo;
  }

  get id(): string {
    return this.record.id;
  }

  get state(): ParentState {
    return this.record.state;
  }

  get venue(): string {
    return this.record.spec.venue;
  }

  get symbol(): string {
    return this.record.spec.symbol;
  }

  /**
   * After a restart: every child the OMS holds for this parent (probed by id until the first missing:
   * a child's record precedes the next one's in the OMS journal), so done and working are exactly what
   * the OMS knows, and nothing is sent again. A paused or completing parent's working children are
   * canceled (again); a completing one with none left ends as it was going to.
   */
  adoptChildren(): void {
    for (;;) {
      const child = this.deps.oms.get(childId(this.id, this.nextChild));
      if (!child) break;
      this.onChild(child);
      this.nextChild++;
    }
    // A pause or an end whose child cancels a crash may have stopped: the cancels go again, and an
    // end whose children have all ended is final now.
    if (this.record.state === 'paused' || this.record.state === 'completing') this.cancelWorking();
    this.afterChildEnded();
  }

  view(): ParentView {
    const s = this.record.spec;
    const v: ParentView = {
      id: this.id,
      type: s.params.type,
      venue: s.venue,
      symbol: s.symbol,
      side: s.side,
      qty: s.qty,
      startAt: s.startAt,
      endAt: s.endAt,
      state: this.record.state,
      doneQty: this.done,
      workingQty: this.open,
      children: this.nextChild - 1,
      createdAt: this.record.createdAt,
      updatedAt: this.record.updatedAt,
      params: s.params,
      onRestart: s.onRestart ?? 'resume',
    };
    if (s.limit !== undefined) v.limit = s.limit;
    if (this.record.arrivalMid !== undefined) v.arrivalMid = this.record.arrivalMid;
    if (this.done > 0) v.avgPrice = this.value / this.done;
    if (this.record.reason !== undefined) v.reason = this.record.reason;
    return v;
  }

  /** Every print on the instrument: the volume POV and the participation cap measure against. */
  onTrade(qty: number, now: number): void {
    if (now >= this.record.spec.startAt && !isFinalParent(this.record.state)) this.marketVolume += qty;
  }

  /** The OMS's latest word on one of this parent's children. */
  onChild(o: Order): void {
    let t = this.children.get(o.clientOrderId);
    if (!t) {
      t = { filled: 0, value: 0, open: 0, price: o.price, tif: o.tif, rejected: false, cancelSent: false };
      this.children.set(o.clientOrderId, t);
    }
    // A routed child counts in the parent's units (grid lots and ticks; 1:1 at the parent's own venue).
    const u = o.venue === this.record.spec.venue ? undefined : this.algo.units?.(o.venue);
    const qf = u?.qtyFactor ?? 1;
    const vf = qf * (u?.priceFactor ?? 1);
    const filledQty = o.filledQty * qf;
    const filledValue = o.filledValue * vf;
    const open = isOpen(o) ? (o.qty - o.filledQty) * qf : 0;
    const filledMore = filledQty > t.filled;
    this.done += filledQty - t.filled;
    this.value += filledValue - t.value;
    this.open += open - t.open;
    t.filled = filledQty;
    t.value = filledValue;
    t.open = open;
    t.price = o.price;
    if (filledMore) this.rejects = 0;
    if (o.status === 'rejected' && !t.rejected) {
      t.rejected = true;
      this.childRejected(o);
    }
    if (open > 0) this.working.add(o.clientOrderId);
    else if (this.working.delete(o.clientOrderId)) this.afterChildEnded();
    // The last lot filled (a paused parent's child may fill before its cancel lands): nothing is left to do.
    if (this.done >= this.record.spec.qty && (this.record.state === 'running' || this.record.state === 'paused')) this.end('completed');
    this.deps.changed(this.view());
  }

  /** One decision: at every clock tick and every book or trade event of the instrument. */
  step(now: number): void {
    const state = this.record.state;
    if (state === 'pending') {
      if (now < this.record.spec.startAt) return;
      this.move('running');
    } else if (state === 'paused') {
      if (!this.stalePaused) return;
      const q = this.deps.books.quote(this.venue, this.symbol);
      if (!q || q.stale || this.deps.halted()) return;
      this.stalePaused = false;
      this.move('running');
    } else if (state !== 'running') {
      return;
    }
    const spec = this.record.spec;
    if (this.done >= spec.qty) return this.end('completed');
    if (now >= spec.endAt) return this.end('completed', `window ended with ${this.done} of ${spec.qty} lots done`);
    if (this.deps.halted() || now < this.retryAt) return;
    const quote = this.deps.books.quote(spec.venue, spec.symbol);
    if (!quote) return;
    if (quote.stale) {
      this.stalePaused = true;
      this.pauseNow('book stale');
      return;
    }
    if (this.deciding) return this.decideWith(this.input(now, quote, undefined), undefined, undefined);
    this.deciding = true;
    try {
      this.decideWith(this.input(now, quote, this.scratchInput), this.scratchWould, this.scratchChild);
    } finally {
      this.deciding = false;
    }
  }

  /** The decision proper, on `input`; `would` and `child` are scratch intents to fill (undefined: fresh objects). */
  private decideWith(input: DecisionInput, would: ChildIntent | undefined, child: ChildIntent | undefined): void {
    if (this.open > 0) return this.reviewResting(input);
    const maxSpread = this.record.spec.maxSpread;
    if (maxSpread !== undefined && !(input.quote.ask - input.quote.bid <= maxSpread)) return;
    // A re-entered decision (would === undefined) gets a fresh sweep: the outer one may still be sending its own.
    if (this.algo.route) return this.sweep(this.algo.route(input, would ? this.scratchRoutes : undefined), input);
    const intent = this.wouldIntent(input, would) ?? this.algo.decide(input);
    if (intent) this.send(capChild(intent, input, this.record.spec.maxParticipation, child));
  }

  pause(reason: string): Result<void> {
    if (this.record.state !== 'running' && this.record.state !== 'pending') return err('ILLEGAL_TRANSITION', `algo ${this.id} is ${this.record.state}; only a running or pending one can be paused`);
    this.stalePaused = false;
    this.pauseNow(reason);
    return ok(undefined);
  }

  resume(): Result<void> {
    if (this.record.state !== 'paused') return err('ILLEGAL_TRANSITION', `algo ${this.id} is ${this.record.state}; only a paused one can be resumed`);
    if (this.deps.halted()) return err('KILL_SWITCH', 'trading is stopped (kill switch engaged or a journal failed): the algo stays paused');
    this.stalePaused = false;
    this.move('running');
    return ok(undefined);
  }

  /** Cancels the parent: its working children first; it is canceled once they have ended. */
  cancel(reason: string): Result<void> {
    if (isFinalParent(this.record.state) || this.record.state === 'completing') return err('ILLEGAL_TRANSITION', `algo ${this.id} is already ${this.record.state}`);
    this.end('canceled', reason);
    return ok(undefined);
  }

  amend(change: ParentAmend): Result<void> {
    if (isFinalParent(this.record.state) || this.record.state === 'completing') return err('ILLEGAL_TRANSITION', `algo ${this.id} is ${this.record.state}; it can no longer be amended`);
    if (change.qty !== undefined && (!Number.isSafeInteger(change.qty) || change.qty < this.done + this.open || change.qty <= 0)) {
      return err('INVALID_INPUT', `quantity must be a whole number of lots, at least the ${this.done + this.open} done or working`);
    }
    if (change.limit !== undefined && (!Number.isSafeInteger(change.limit) || change.limit <= 0)) return err('INVALID_INPUT', 'limit must be a positive price in ticks');
    const s = this.record.spec;
    if (change.limit !== undefined && s.wouldPrice !== undefined && (s.side === 'buy' ? s.wouldPrice > change.limit : s.wouldPrice < change.limit)) {
      return err('INVALID_INPUT', '"would" price must stay at or inside the limit');
    }
    void this.deps.journal.amended(this.id, change, this.deps.clock.now()).catch((e) => this.deps.journalFailed(e));
    if (change.qty !== undefined) s.qty = change.qty;
    if (change.limit !== undefined) s.limit = change.limit;
    this.record.updatedAt = this.deps.clock.now();
    this.deps.changed(this.view());
    return ok(undefined);
  }

  /** The kill switch: paused at once, synchronously, before anything else reacts (its cancels follow). */
  halt(reason: string): void {
    // One paused by a stale book would resume itself once the book is live: not after a halt (a reset
    // of the kill switch restarts nothing), so it is the trader's to resume from here.
    this.stalePaused = false;
    if (this.record.state === 'running' || this.record.state === 'pending') this.pauseNow(reason);
  }

  /** At start-up: the trader chose "on restart: stop", or the kill switch is engaged. */
  stopAtRestart(reason: string): void {
    if (this.record.state === 'running' || this.record.state === 'pending') this.pauseNow(reason);
  }

  /** Until the journal write resolves the move holds in memory; a failed write stops every algo. */
  private move(to: ParentState, reason?: string, ending?: ParentEnding): void {
    const from = this.record.state;
    if (!canMoveParent(from, to)) throw new Error(`algo ${this.id}: no move from ${from} to ${to}`);
    const now = this.deps.clock.now();
    this.record.state = to;
    if (reason === undefined) delete this.record.reason;
    else this.record.reason = reason;
    if (ending === undefined) delete this.record.ending;
    else this.record.ending = ending;
    this.record.updatedAt = now;
    this.deps.log.info({ algo: this.id, from, to, reason }, 'algo state');
    void this.deps.journal.state(this.id, to, now, reason, ending).catch((e) => this.deps.journalFailed(e));
    this.deps.changed(this.view());
  }

  private pauseNow(reason: string): void {
    this.move('paused', reason);
    this.cancelWorking();
  }

  /** Stops sending; the working children are canceled; the final state follows when they have ended. */
  private end(state: ParentEnding, reason?: string): void {
    this.move('completing', reason, state);
    this.cancelWorking();
    this.afterChildEnded();
  }

  private afterChildEnded(): void {
    if (this.record.state !== 'completing' || this.open > 0) return;
    this.move(this.record.ending ?? 'completed', this.record.reason);
  }

  private cancelWorking(): void {
    for (const id of this.working) {
      const t = this.children.get(id)!;
      if (t.cancelSent) continue;
      t.cancelSent = true;
      const r = this.deps.oms.cancel(id, 'algo');
      if (!r.ok) this.deps.log.warn({ algo: this.id, child: id, reason: r.error.message }, 'algo child cancel not sent');
    }
  }

  /** A resting child the algorithm no longer wants where it is (or priced through an amended limit) is canceled. */
  private reviewResting(input: DecisionInput): void {
    for (const id of this.working) {
      const t = this.children.get(id)!;
      if (t.cancelSent || t.tif !== 'GTC' || t.price === undefined) continue;
      const through = input.limit !== undefined && (input.side === 'buy' ? t.price > input.limit : t.price < input.limit);
      const tooMuch = this.done + this.open > this.record.spec.qty;
      if (through || tooMuch || (this.algo.keep && !this.algo.keep(input, t.price, t.open))) {
        t.cancelSent = true;
        const r = this.deps.oms.cancel(id, 'algo');
        if (!r.ok) this.deps.log.warn({ algo: this.id, child: id, reason: r.error.message }, 'algo child re-place: cancel not sent');
      }
    }
  }

  /** The decision's input, written into `into` when given (the scratch), else a new object. */
  private input(now: number, quote: AlgoQuote, into: DecisionInput | undefined): DecisionInput {
    const s = this.record.spec;
    if (!into) return { now, side: s.side, total: s.qty, done: this.done, open: this.open, quote, limit: s.limit, marketVolume: this.marketVolume, startAt: s.startAt, endAt: s.endAt };
    into.now = now;
    into.side = s.side;
    into.total = s.qty;
    into.done = this.done;
    into.open = this.open;
    into.quote = quote;
    into.limit = s.limit;
    into.marketVolume = this.marketVolume;
    into.startAt = s.startAt;
    into.endAt = s.endAt;
    return into;
  }

  /** At or better than the "would" price, the rest is taken now (an IOC at the far touch). */
  private wouldIntent(input: DecisionInput, into: ChildIntent | undefined): ChildIntent | undefined {
    const would = this.record.spec.wouldPrice;
    if (would === undefined) return undefined;
    const far = farTouch(input.quote, input.side);
    if (!Number.isFinite(far) || (input.side === 'buy' ? far > would : far < would)) return undefined;
    const qty = input.total - input.done - input.open;
    if (!into) return { qty, price: far, tif: 'IOC' };
    into.qty = qty;
    into.price = far;
    into.tif = 'IOC';
    return into;
  }

  private send(intent: ChildIntent | undefined): void {
    if (!intent || this.deps.halted()) return;
    // A child whose fill or cancel moves the book prompts the next decision at once (same ms): the
    // next child waits for a later event or tick, which bounds any feedback loop to one child per ms.
    const now = this.deps.clock.now();
    if (now === this.lastSentAt) return;
    this.lastSentAt = now;
    // A venue away (an account reconnecting) would refuse the child: wait for it instead of counting rejects.
    if (!this.deps.oms.hasVenue(this.record.spec.venue)) return;
    this.submitChild(this.record.spec.venue, intent.price, intent.qty, intent.tif);
  }

  /**
   * A routed sweep: every child an IOC at its venue, in that venue's units. The caps of a single child
   * hold for the sweep as a whole: the quantities add up to at most what is left (and what participation
   * allows), no child is priced through the limit or sent to a venue whose touch it cannot take, and the
   * halt flag and the parent's state are asked again before each child (a kill switch engaging between two
   * children stops the rest).
   */
  private sweep(intents: readonly RoutedIntent[], input: DecisionInput): void {
    if (this.deps.halted()) return;
    const now = this.deps.clock.now();
    if (now === this.lastSentAt) return;
    // The plan's reasons first (the algorithm's reused objects: copied now), then the runtime's own below.
    const why = this.decisionLeftOut;
    why.clear();
    if (this.algo.leftOut) why.addAll(this.algo.leftOut());
    this.lastSweepSent = false;
    if (intents.length === 0) {
      // Nothing sent, so nothing else tells the views: a venue newly halted, stale or out of depth is said now
      // (only when a venue or its reason changed, never for figures alone).
      if (this.algo.route && !why.sameReasons(this.reportedLeftOut)) {
        this.reportedLeftOut.copyFrom(why);
        this.deps.changed(this.view());
      }
      return;
    }
    this.lastSentAt = now;
    const s = this.record.spec;
    const firstChild = this.nextChild;
    let left = input.total - input.done - input.open;
    let cause: number = CapCause.LEFT;
    if (s.maxParticipation !== undefined) {
      const allowed = Math.floor(s.maxParticipation * input.marketVolume) - input.done - input.open;
      if (allowed < left) {
        left = allowed;
        cause = CapCause.PARTICIPATION;
      }
    }
    this.sweeping = true;
    try {
      for (let i = 0; i < intents.length; i++) {
        const it = intents[i]!;
        if (this.deps.halted() || this.record.state !== 'running') break;
        if (sentEarlier(intents, i)) continue; // one child per venue per sweep
        const u = it.venue === s.venue ? SAME_UNITS : this.algo.units?.(it.venue);
        if (!u || !Number.isSafeInteger(it.qty) || !Number.isSafeInteger(it.price) || it.price <= 0) continue;
        // Whole venue lots within what is left.
        const lots = Math.min(it.qty, Math.floor(Math.max(0, left) / u.qtyFactor));
        if (lots < it.qty) why.add(it.venue, LeftOutCode.CAPPED, lots * u.qtyFactor, it.qty * u.qtyFactor, cause);
        if (lots <= 0) continue;
        const gridPrice = it.price * u.priceFactor;
        if (input.limit !== undefined && (s.side === 'buy' ? gridPrice > input.limit : gridPrice < input.limit)) continue;
        const q = this.deps.books.quote(it.venue, s.symbol);
        if (!q || q.stale) {
          why.add(it.venue, LeftOutCode.STALE);
          continue;
        }
        const far = farTouch(q, s.side);
        if (!Number.isFinite(far) || (s.side === 'buy' ? it.price < far : it.price > far)) {
          why.add(it.venue, LeftOutCode.TOUCH_MOVED, gridPrice, far * u.priceFactor);
          continue;
        }
        if (!this.deps.oms.hasVenue(it.venue)) {
          why.add(it.venue, LeftOutCode.DOWN);
          continue;
        }
        if (!this.submitChild(it.venue, it.price, lots, 'IOC')) break;
        left -= lots * u.qtyFactor;
      }
    } finally {
      this.sweeping = false;
    }
    if (this.nextChild > firstChild) {
      this.sentLeftOut.copyFrom(why);
      this.reportedLeftOut.copyFrom(why);
      this.lastSweepSent = true;
    }
  }

  /** Records and sends child n; false when the request itself was refused (the parent has failed). */
  private submitChild(venue: string, price: number, qty: number, tif: ChildIntent['tif']): boolean {
    const s = this.record.spec;
    const id = childId(this.id, this.nextChild);
    const req: OrderRequest = { clientOrderId: id, venue, symbol: s.symbol, side: s.side, type: 'limit', tif, price, qty, parentId: this.id };
    const result = this.deps.oms.submit(req, 'algo');
    const recorded = this.deps.oms.get(id);
    if (recorded) {
      this.nextChild++;
      this.onChild(recorded);
      // Refused at submit: the OMS applied the rejection (and we heard it) before its answer said who refused.
      if (!result.ok && result.error.code === 'RISK_REJECTED' && this.algo.route) {
        (this.sweeping ? this.decisionLeftOut : this.sentLeftOut).markRisk(venue);
        this.refusals.markRisk(venue);
        this.deps.changed(this.view()); // the views hear who refused it
      }
      return true;
    }
    if (!result.ok) {
      // Nothing was recorded: the request itself is wrong (it would be every time), so retrying is pointless.
      this.end('failed', `child could not be placed: ${result.error.message}`);
    }
    return false;
  }

  private childRejected(o: Order): void {
    this.rejects++;
    const reason = o.rejectReason ?? 'rejected';
    // A routed child refused (by risk at submit, or later by its venue): said against its venue.
    if (this.algo.route) {
      (this.sweeping ? this.decisionLeftOut : this.sentLeftOut).add(o.venue, LeftOutCode.REFUSED, 0, 0, 0, reason);
      this.refusals.put(o.venue, LeftOutCode.REFUSED, 0, 0, 0, reason);
    }
    if (this.record.state !== 'running') return;
    if (this.rejects > this.deps.retry.maxRetries) {
      this.deps.log.warn({ algo: this.id, child: o.clientOrderId, reason }, 'algo failed: children rejected');
      this.end('failed', `child rejected ${this.rejects} times in a row: ${reason}`);
      return;
    }
    const wait = backoffDelayMs(this.rejects - 1, this.deps.retry.backoff, this.deps.random);
    this.retryAt = this.deps.clock.now() + wait;
    this.deps.log.info({ algo: this.id, child: o.clientOrderId, reason, retryInMs: wait }, 'algo child rejected: retrying after a backoff');
  }
}

/**
 * The caps every child passes, whatever the algorithm asked: at most what is left (total - done -
 * working) and what participation allows; priced no worse than the limit; an IOC that could take
 * nothing at its capped price (a buy under the ask) is not sent. Exported for the property tests.
 * The capped child is written into `out` when given (the runner's scratch: no allocation per decision),
 * else into a new object; `out` may be `intent` itself.
 */
export function capChild(intent: ChildIntent, input: DecisionInput, maxParticipation: number | undefined, out?: ChildIntent): ChildIntent | undefined {
  let qty = Math.min(intent.qty, input.total - input.done - input.open);
  if (maxParticipation !== undefined) qty = Math.min(qty, Math.floor(maxParticipation * input.marketVolume) - input.done - input.open);
  qty = Math.floor(qty);
  if (!(qty > 0)) return undefined;
  let price = intent.price;
  if (input.limit !== undefined) price = input.side === 'buy' ? Math.min(price, input.limit) : Math.max(price, input.limit);
  if (!Number.isSafeInteger(price) || price <= 0) return undefined;
  if (intent.tif === 'IOC') {
    const far = farTouch(input.quote, input.side);
    if (!Number.isFinite(far) || (input.side === 'buy' ? price < far : price > far)) return undefined;
  }
  if (!out) return { qty, price, tif: intent.tif };
  out.qty = qty;
  out.price = price;
  out.tif = intent.tif;
  return out;
}
