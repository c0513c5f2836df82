import type { Clock, LevelChange, Logger, Lots, Side, Symbol, Ticks, VenueEvent, VenueId } from '../../../core';
import { ExactScaler, type KiteScale } from './instrumentMap';
import { DEPTH_LEVELS, KITE_SEGMENT, priceDecimalsOfSegment, type KiteTick } from './kiteTick';

export interface KiteSymbolBookDeps {
  venue: VenueId;
  clock: Clock;
  logger: Logger;
  emit(event: VenueEvent): void;
  /** The book can no longer be trusted until its next `bookSnapshot`. */
  stale(symbol: Symbol, reason: string): void;
}

/** One side's levels in our ticks and lots, best first, as Kite orders them. */
class Side5 {
  readonly price = new Float64Array(DEPTH_LEVELS);
  readonly qty = new Float64Array(DEPTH_LEVELS);
  n = 0;

  indexOf(price: number): number {
    for (let i = 0; i < this.n; i++) if (this.price[i] === price) return i;
    return -1;
  }

  pairs(): [Ticks, Lots][] {
    const out: [Ticks, Lots][] = [];
    for (let i = 0; i < this.n; i++) out.push([this.price[i]!, this.qty[i]!]);
    return out;
  }
}

/**
 * One instrument's market data from KiteTicker's full-mode ticks, as our canonical events. Kite pushes
 * its whole five-level depth in every tick (no diff stream, no sequence numbers), so the book is
 * anchored by the first full tick (a `bookSnapshot`) and each later tick becomes a `bookDelta` of the
 * levels that changed, with our own contiguous seq. Trades are not on the wire either: a rise of the
 * day's traded volume is a trade of that many units at the last price. Prices and quantities convert
 * to our ticks and lots exactly, or the tick is refused (never rounded) and the book reported stale.
 *
 * The steady state allocates only the event objects the VenueEvent contract needs.
 */
export class KiteSymbolBook {
  private readonly price: ExactScaler;
  private readonly qty: ExactScaler;
  /** What our book holds (the last levels sent) and the tick being read, swapped after each tick. */
  private bids = new Side5();
  private asks = new Side5();
  private nextBids = new Side5();
  private nextAsks = new Side5();
  private seq = 0;
  /** A snapshot went out since the book last stopped being trustworthy. */
  private live = false;
  /** Why the last depth was refused, so that a tick after tick with the same fault logs once. */
  private refused: string | undefined;
  /** The day's traded volume at the last tick; -1 until one is seen on this connection. */
  private lastVolume = -1;
  private lastPrice = NaN;
  /** A trade was refused (off the grid) on this connection: said once. */
  private tradeRefused = false;
  /**
   * What the last tick on this connection stated, for readers without a book to look at (an index's
   * level, a derivative's open interest): NaN until a tick states it, and again once the ticks stop, so
   * that nobody prices from a level the socket no longer confirms.
   */
  private statedPrice = NaN;
  /** Open interest in units (Kite's figure: shares or contracts' units), from full ticks of derivatives. */
  private statedOi = NaN;
  private oiRefused = false;

  constructor(
    readonly symbol: Symbol,
    readonly token: number,
    scale: KiteScale,
    private readonly deps: KiteSymbolBookDeps,
  ) {
    this.price = ExactScaler.of(priceDecimalsOfSegment(token & 0xff), scale.priceDecimals, scale.tickSize);
    this.qty = ExactScaler.of(0, scale.qtyDecimals, scale.lotSize);
  }

  /** Whether the book is anchored on this connection (a snapshot went out and nothing broke since). */
  get isLive(): boolean {
    return this.live;
  }

  /** The last price the venue stated on this connection, in ticks (an index: its level); undefined before a tick or after the ticks stopped. */
  get statedLastPrice(): number | undefined {
    return Number.isNaN(this.statedPrice) ? undefined : this.statedPrice;
  }

  /**
   * Open interest in lots: Kite states it in units (a NIFTY option's OI of 1,500,000 is 20,000 lots of
   * 75). Undefined before a full tick, after the ticks stopped, or when the figure is not a whole
   * number of lots (the scale does not fit: refused, never rounded).
   */
  get openInterest(): number | undefined {
    if (Number.isNaN(this.statedOi)) return undefined;
    const lots = this.qty.apply(this.statedOi);
    return Number.isNaN(lots) ? undefined : lots;
  }

  onTick(t: KiteTick): void {
    const last = this.price.apply(t.lastPrice);
    if (t.hasVolume) this.onVolume(t, last);
    if (!Number.isNaN(last)) this.lastPrice = last;
    // A contract not traded yet states a last price of 0: no price, rather than a price of nothing.
    this.statedPrice = last > 0 ? last : NaN;
    // Only full packets carry OI; an instrument without any (equities, indices) states 0 there.
    if (t.hasDepth && t.segment !== KITE_SEGMENT.NSE_CM && t.segment !== KITE_SEGMENT.BSE_CM) this.onOpenInterest(t);
    if (t.hasDepth) this.onDepth(t);
    else if (!t.tradable && !this.live) this.anchorIndex();
  }

  /**
   * The book service asks again for the whole book: Kite has no snapshot to fetch (every tick is the
   * whole depth), so the last full tick's levels go out again under a new seq. False when there is
   * none to trust yet: the next full tick anchors the book anyway.
   */
  resendSnapshot(): boolean {
    if (!this.live) return false;
    this.emitSnapshot();
    return true;
  }

  /**
   * No more ticks for now (the socket dropped, the symbol is no longer watched): the book is stale
   * until a full tick anchors it again, and the volume count starts over, so that what traded in
   * between is not reported as one trade.
   */
  down(reason: string): void {
    this.lastVolume = -1;
    this.statedPrice = NaN;
    this.statedOi = NaN;
    this.oiRefused = false;
    this.refused = undefined;
    this.tradeRefused = false;
    if (!this.live) return;
    this.live = false;
    this.deps.stale(this.symbol, reason);
  }

  private onVolume(t: KiteTick, last: number): void {
    const volume = t.volumeTraded;
    const before = this.lastVolume;
    this.lastVolume = volume;
    // The first count seen says nothing about a trade; a lower count is a new session's.
    if (before < 0 || volume <= before) return;
    const qty = this.qty.apply(volume - before);
    if (Number.isNaN(last) || Number.isNaN(qty)) {
      // Once per connection: a scale that does not fit would otherwise log every trade.
      if (!this.tradeRefused) {
        this.deps.logger.warn(
          { venue: this.deps.venue, symbol: this.symbol, lastPrice: t.lastPrice, units: volume - before },
          'Kite trade not on the instrument\'s tick or lot grid: not reported (logged once per connection)',
        );
      }
      this.tradeRefused = true;
      return;
    }
    const ts = t.lastTradeTime > 0 ? t.lastTradeTime * 1000 : t.exchangeTimestamp > 0 ? t.exchangeTimestamp * 1000 : this.deps.clock.now();
    this.deps.emit({
      type: 'trade',
      venue: this.deps.venue,
      symbol: this.symbol,
      ts,
      price: last,
      qty,
      aggressor: this.aggressor(last),
      // The day's volume after the trade names it: the same trade seen twice has the same id.
      tradeId: `${this.token}-${t.lastTradeTime}-${volume}`,
    });
  }

  private onOpenInterest(t: KiteTick): void {
    this.statedOi = t.oi;
    if (this.oiRefused || !Number.isNaN(this.qty.apply(t.oi))) return;
    // Once per connection, as for trades: a lot size that does not fit would log every tick.
    this.oiRefused = true;
    this.deps.logger.warn({ venue: this.deps.venue, symbol: this.symbol, oi: t.oi }, 'Kite open interest is not a whole number of the instrument\'s lots: not shown (logged once per connection)');
  }

  /** At or above the mid of the book before the trade a buyer lifted the offer; below it a seller hit the bid. */
  private aggressor(price: number): Side {
    if (this.live && this.bids.n > 0 && this.asks.n > 0) return 2 * price >= this.bids.price[0]! + this.asks.price[0]! ? 'buy' : 'sell';
    // No book to compare with: the tick rule (a price at or above the previous one was bought).
    return Number.isNaN(this.lastPrice) || price >= this.lastPrice ? 'buy' : 'sell';
  }

  private onDepth(t: KiteTick): void {
    const why = this.read(t.bidQuantity, t.bidPrice, this.nextBids) ?? this.read(t.askQuantity, t.askPrice, this.nextAsks);
    if (why !== undefined) return this.refuse(why, t);
    this.refused = undefined;
    if (!this.live) {
      this.swap();
      this.live = true;
      return this.emitSnapshot();
    }
    let changes: LevelChange[] | undefined;
    changes = diff(this.bids, this.nextBids, 'buy', changes);
    changes = diff(this.asks, this.nextAsks, 'sell', changes);
    this.swap();
    if (changes) this.deps.emit({ type: 'bookDelta', venue: this.deps.venue, symbol: this.symbol, seq: ++this.seq, changes });
  }

  /** One side of the tick into `into`, in our units; the reason it cannot be, if so. */
  private read(quantities: Uint32Array, prices: Int32Array, into: Side5): string | undefined {
    into.n = 0;
    for (let i = 0; i < DEPTH_LEVELS; i++) {
      const units = quantities[i]!;
      if (units === 0) continue; // an empty level
      const price = this.price.apply(prices[i]!);
      if (Number.isNaN(price)) return `depth price ${prices[i]} is not on the instrument's tick grid`;
      const lots = this.qty.apply(units);
      if (Number.isNaN(lots)) return `depth quantity ${units} is not a whole number of lots`;
      if (into.indexOf(price) >= 0) return `depth lists the price ${prices[i]} twice on one side`;
      into.price[into.n] = price;
      into.qty[into.n] = lots;
      into.n++;
    }
    return undefined;
  }

  private refuse(reason: string, t: KiteTick): void {
    if (this.refused !== reason) {
      this.deps.logger.error({ venue: this.deps.venue, symbol: this.symbol, token: t.instrumentToken, reason }, 'Kite depth refused: the book is stale until a tick fits');
    }
    this.refused = reason;
    if (!this.live) return;
    this.live = false;
    this.deps.stale(this.symbol, `Kite depth refused: ${reason}`);
  }

  private swap(): void {
    const bids = this.bids;
    this.bids = this.nextBids;
    this.nextBids = bids;
    const asks = this.asks;
    this.asks = this.nextAsks;
    this.nextAsks = asks;
  }

  /**
   * An index (segment 9) has no order book: Kite's index packets carry a level and the day's range, never
   * depth, volume or a traded quantity. Without this its book would wait for a full tick that never
   * comes: never anchored, a resend request would be a no-op forever and the book panel would wait for
   * market data for good. Its first tick on a connection anchors it as an empty book (the truth: nobody
   * can bid or offer an index), which a resend or a later drop then treats like any other book. No trade
   * is made up from an index's level: it has no volume.
   */
  private anchorIndex(): void {
    this.bids.n = 0;
    this.asks.n = 0;
    this.live = true;
    this.emitSnapshot();
  }

  private emitSnapshot(): void {
    this.deps.emit({ type: 'bookSnapshot', venue: this.deps.venue, symbol: this.symbol, seq: ++this.seq, bids: this.bids.pairs(), asks: this.asks.pairs() });
  }
}

/** The level changes that take `before` to `after` (a vanished price is a delete), added to `changes`. */
function diff(before: Side5, after: Side5, side: Side, changes: LevelChange[] | undefined): LevelChange[] | undefined {
  for (let i = 0; i < before.n; i++) {
    const price = before.price[i]!;
    if (after.indexOf(price) < 0) (changes ??= []).push({ side, price, qty: 0 });
  }
  for (let i = 0; i < after.n; i++) {
    const price = after.price[i]!;
    const j = before.indexOf(price);
    if (j < 0 || before.qty[j] !== after.qty[i]) (changes ??= []).push({ side, price, qty: after.qty[i]! });
  }
  return changes;
}
