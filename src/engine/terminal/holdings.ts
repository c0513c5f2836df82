import type { Symbol, Ticks, VenueEvent, VenueId, VenuePosition } from '../core';
import { bookKey, type BookReader } from '../book';
import type { InstrumentRegistry } from '../instruments';
import type { Portfolio, PositionRow } from '../portfolio';
import type { AccountView } from '../secrets';
import { valueBalances } from './balanceValue';
import { BalanceBook } from './balanceBook';
import { quoteAssetOf } from './liveVenues/venueFactory';
import { VenueReports } from './venueReports';
import { venuePositionDetail } from './venuePositionDetail';
import type { BalancesView, PositionView } from './views';

export interface HoldingsDeps {
  registry: InstrumentRegistry;
  reader: BookReader;
  portfolio: Portfolio;
  /** The account an account venue stands for (undefined for a SIM venue): balances are valued in its quote asset. */
  accountOf(venue: VenueId): AccountView | undefined;
  emitPosition(view: PositionView): void;
  emitBalances(view: BalancesView): void;
}

type MarkPriceEvent = Extract<VenueEvent, { type: 'markPrice' }>;
type VenuePositionsEvent = Extract<VenueEvent, { type: 'venuePositions' }>;
type BalancesEvent = Extract<VenueEvent, { type: 'balances' }>;
type MarkedRow = PositionRow & { mark: Ticks | undefined };

/**
 * What the trader holds, as the views see it: our positions from the fills valued at their marks, beside
 * what each venue reports (its positions, mark prices and balances). Balances and positions are sent to
 * the views from here, balances only when their values changed.
 */
export class Holdings {
  private readonly balanceBook = new BalanceBook();
  private readonly venueReports = new VenueReports();
  /** Each account's balances as last sent to the views, values included. */
  private readonly balanceValuesSent = new Map<VenueId, string>();

  constructor(private readonly deps: HoldingsDeps) {}

  onMarkPrice(e: MarkPriceEvent): void {
    this.venueReports.onMarkPrice(e);
  }

  /** A venue's positions report: each symbol it changed is sent again. */
  onVenuePositions(e: VenuePositionsEvent): void {
    for (const symbol of this.venueReports.onPositions(e)) this.publishPosition(e.venue, symbol);
  }

  onBalances(e: BalancesEvent): void {
    const view = this.valued(this.balanceBook.apply(e));
    this.balanceValuesSent.set(e.venue, JSON.stringify(view.balances));
    this.deps.emitBalances(view);
  }

  /** An account went away: its reports no longer describe anything. */
  forget(venue: VenueId): void {
    this.balanceBook.forget(venue);
    this.venueReports.forget(venue);
  }

  /** Assets with a balance on some account (the instrument catalog lists their markets). */
  heldAssets(): { venue: VenueId; asset: string }[] {
    return this.balanceBook.views().flatMap((v) => v.balances.map((b) => ({ venue: v.venue, asset: b.asset })));
  }

  /** Symbols the venues report positions in. */
  *venueHeld(): Generator<{ venue: VenueId; symbol: Symbol }> {
    for (const venue of this.venueReports.venues()) for (const symbol of this.venueReports.heldAt(venue)) yield { venue, symbol };
  }

  /** The venue's stated mark price, when it sends one (perpetuals, Kite's index ticks). */
  venueMark(venue: VenueId, symbol: Symbol): Ticks | undefined {
    return this.venueReports.markPrice(venue, symbol);
  }

  venuePosition(venue: VenueId, symbol: Symbol): VenuePosition | undefined {
    return this.venueReports.position(venue, symbol);
  }

  /** Every connected account's balances as its venue last reported them. */
  balances(): BalancesView[] {
    return this.balanceBook.views().map((view) => this.valued(view));
  }

  /** Our positions, and beside them any the venue holds that ours does not (opened outside the terminal). */
  positions(): PositionView[] {
    const rows = this.positionRows();
    const views = rows.map((row) => this.positionView(row));
    for (const venue of this.venueReports.venues()) {
      for (const symbol of this.venueReports.heldAt(venue)) {
        if (!rows.some((r) => r.venue === venue && r.symbol === symbol)) views.push(this.venueOnlyPosition(venue, symbol));
      }
    }
    return views;
  }

  /** One position as the views show it: ours when our fills explain it, else the venue's alone. */
  position(venue: VenueId, symbol: Symbol): PositionView {
    const row = this.positionRows().find((r) => r.venue === venue && r.symbol === symbol);
    return row ? this.positionView(row) : this.venueOnlyPosition(venue, symbol);
  }

  publishPosition(venue: VenueId, symbol: Symbol): void {
    this.deps.emitPosition(this.position(venue, symbol));
  }

  /** Our position changed: sent when our fills hold it (a venue-only line is sent on the venue's report). */
  publishOurPosition(venue: VenueId, symbol: Symbol): void {
    const row = this.positionRows().find((r) => r.venue === venue && r.symbol === symbol);
    if (row) this.deps.emitPosition(this.positionView(row));
  }

  /** Realised P&L less fees plus unrealised at the mark: what the daily loss limit watches. */
  pnlOf(venue: VenueId, symbol: Symbol): number {
    const row = this.positionRows().find((r) => r.venue === venue && r.symbol === symbol);
    return row ? row.realisedPnl - row.fees + (row.unrealisedPnl ?? 0) : 0;
  }

  /** Mid rounded to a whole tick: P&L stays in integer QuoteUnits. */
  mark(venue: VenueId, symbol: Symbol): number | undefined {
    // A perpetual is valued at the venue's mark price, as its margin is; anything else at the mid.
    const venueMark = this.venueReports.markPrice(venue, symbol);
    if (venueMark !== undefined) return venueMark;
    const mid = this.deps.reader.mid(bookKey(venue, symbol));
    return mid === undefined ? undefined : Math.round(mid);
  }

  /**
   * Open positions' unrealised P&L moves with the market, so they are re-published every second; balances'
   * values in quote move with the books too (and appear once a book is live): re-sent when they change.
   */
  remark(): void {
    for (const row of this.positionRows()) {
      if (row.qty !== 0) this.deps.emitPosition(this.positionView(row));
    }
    for (const view of this.balances()) {
      const text = JSON.stringify(view.balances);
      if (this.balanceValuesSent.get(view.venue) === text) continue;
      this.balanceValuesSent.set(view.venue, text);
      this.deps.emitBalances(view);
    }
  }

  /** Balances with each asset valued in the account's quote asset at the mid of its market there. */
  private valued(view: BalancesView): BalancesView {
    const account = this.deps.accountOf(view.venue);
    const quote = account && quoteAssetOf(account.venue);
    if (!quote) return view;
    const markets = new Map(this.deps.registry.all().filter((i) => i.venue === view.venue && i.quote === quote).map((i) => [i.base, i]));
    return valueBalances(view, quote, (asset) => {
      const inst = markets.get(asset);
      const top = inst && this.deps.reader.readTop(bookKey(inst.venue, inst.symbol), 1);
      const bid = top?.bids[0]?.[0];
      const ask = top?.asks[0]?.[0];
      if (!inst || !top || top.stale || bid === undefined || ask === undefined) return undefined;
      return { bid, ask, tickSize: inst.tickSize, priceDecimals: inst.priceDecimals };
    });
  }

  /**
   * Positions valued at their marks, each mark read once and kept on the row: the book worker moves on
   * between two reads, and a row's unrealised P&L must agree with the mark it shows.
   */
  private positionRows(): MarkedRow[] {
    const marks = new Map<string, Ticks | undefined>();
    const markOnce = (venue: VenueId, symbol: Symbol): Ticks | undefined => {
      const key = `${venue}\u0000${symbol}`;
      if (!marks.has(key)) marks.set(key, this.mark(venue, symbol));
      return marks.get(key);
    };
    return this.deps.portfolio.positions(markOnce).map((row) => ({ ...row, mark: markOnce(row.venue, row.symbol) }));
  }

  private positionView(row: MarkedRow): PositionView {
    return {
      venue: row.venue,
      symbol: row.symbol,
      qty: row.qty,
      avgPrice: row.avgPrice,
      realisedPnl: row.realisedPnl,
      unrealisedPnl: row.unrealisedPnl,
      fees: row.fees,
      mark: row.mark,
      ...this.venueSide(row.venue, row.symbol),
    };
  }

  /** A position the venue holds and our fills do not explain. */
  private venueOnlyPosition(venue: VenueId, symbol: Symbol): PositionView {
    return { venue, symbol, qty: 0, realisedPnl: 0, unrealisedPnl: 0, fees: 0, mark: this.mark(venue, symbol), ...this.venueSide(venue, symbol) };
  }

  private venueSide(venue: VenueId, symbol: Symbol): Pick<PositionView, 'venueQty' | 'venueProducts' | 'venueM2m'> {
    const venueQty = this.venueReports.venueQty(venue, symbol);
    return venueQty === undefined ? {} : { venueQty, ...venuePositionDetail(this.venueReports.position(venue, symbol)) };
  }
}
