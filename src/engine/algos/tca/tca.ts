import { err, ok, type Liquidity, type Lots, type QuoteUnits, type Result, type Side, type Symbol, type Ticks, type VenueId } from '../../core';

/**
 * Transaction-cost analysis of one parent order.
 *
 * Units: every price in one set of integer ticks and every quantity in one set of lots, the same for
 * all children: a single venue's instrument, or the router's PriceGrid when the children went to
 * several venues (convert with gridPrice / gridQty). Fees are QuoteUnits of that same scale
 * (10^-(priceDecimals + qtyDecimals)); `quotePerTickLot` turns a ticks*lots product into QuoteUnits.
 *
 * Sign convention: every slippage and shortfall is POSITIVE WHEN IT IS A COST. A buy filled above its
 * benchmark, or a sell filled below it, has positive slippage; bps are against the benchmark price.
 */
export interface TcaFill {
  /** Clock ms. */
  ts: number;
  price: Ticks;
  qty: Lots;
  /** QuoteUnits paid (negative: a rebate received). */
  fee: QuoteUnits;
  liquidity: Liquidity;
}

export interface TcaChild {
  childId: string;
  venue: VenueId;
  /** Clock ms the child was sent. */
  sentAt: number;
  /** The child's limit; undefined for a market child. */
  limitPrice?: Ticks;
  qty: Lots;
  fills: readonly TcaFill[];
}

/** A print on the market's tape (any participant's). */
export interface MarketTrade {
  ts: number;
  price: Ticks;
  qty: Lots;
}

export interface TcaInput {
  parentId: string;
  symbol: Symbol;
  side: Side;
  parentQty: Lots;
  /** The parent's period, clock ms: the interval of the VWAP and of the participation. */
  startedAt: number;
  endedAt: number;
  /** The mid when the parent arrived (ticks; may end in .5), or the last price when there was no two-sided book. */
  arrivalPrice: number;
  /**
   * The mid (or last price) when the parent ended: prices the part not done (Perold's opportunity
   * cost). Without it that cost is reported as unknown and left out of the total.
   */
  endPrice?: number;
  /** The market's trades over the parent's period (trades outside [startedAt, endedAt] are ignored). */
  marketTrades: readonly MarketTrade[];
  /** True (default) when the tape holds our own fills as well, as a venue's public tape does. */
  tapeIncludesOurFills?: boolean;
  children: readonly TcaChild[];
  /** QuoteUnits per tick per lot (instruments' quotePerTickLot, or the grid's gridQuotePerTickLot). */
  quotePerTickLot: number;
}

export interface TcaChildRow {
  childId: string;
  venue: VenueId;
  sentAt: number;
  limitPrice: Ticks | undefined;
  qty: Lots;
  filledQty: Lots;
  /** Ticks; undefined when nothing filled. */
  avgPrice: number | undefined;
  slippageVsArrivalBps: number | undefined;
  fees: QuoteUnits;
  makerQty: Lots;
  takerQty: Lots;
  fills: number;
  firstFillAt: number | undefined;
  lastFillAt: number | undefined;
}

/**
 * Implementation shortfall (Perold 1988) against the arrival price, QuoteUnits, positive = cost:
 * execution = side * sum((fill price - arrival) * fill qty), opportunity = side * (end price - arrival)
 * * unfilled qty, plus fees; bps are over the paper portfolio's value, arrival * parent qty.
 */
export interface ImplementationShortfall {
  execution: QuoteUnits;
  /** Undefined when part of the parent was not done and no end price was given. */
  opportunity: QuoteUnits | undefined;
  fees: QuoteUnits;
  total: QuoteUnits;
  bps: number;
}

export interface TcaReport {
  parentId: string;
  symbol: Symbol;
  side: Side;
  parentQty: Lots;
  startedAt: number;
  endedAt: number;
  filledQty: Lots;
  unfilledQty: Lots;
  arrivalPrice: number;
  /** Volume-weighted price of the market over the period (ours included), ticks; undefined without trades. */
  intervalVwap: number | undefined;
  /** Market volume over the period, ours included. */
  marketVolume: Lots;
  avgFillPrice: number | undefined;
  slippageVsArrivalBps: number | undefined;
  slippageVsVwapBps: number | undefined;
  /** Our filled quantity within the period / the market's volume over it (0..1); undefined without volume. */
  participation: number | undefined;
  fees: QuoteUnits;
  makerQty: Lots;
  takerQty: Lots;
  shortfall: ImplementationShortfall;
  children: TcaChildRow[];
  /**
   * Smart routing: why venues got nothing (or were capped) at its latest sweep, in the trader's words
   * ("SIM-B: book 2.4 s old (limit 1 s)"); set by the terminal, which knows the instrument's decimals.
   */
  leftOut?: string[];
}

const isTime = (t: number) => Number.isFinite(t);
const isLots = (q: number) => Number.isSafeInteger(q) && q > 0;
const isPrice = (p: number) => Number.isFinite(p) && p > 0;

/** Positive = cost: a buy above the benchmark, a sell below it. */
export const slippageBps = (side: Side, price: number, benchmark: number): number =>
  ((side === 'buy' ? price - benchmark : benchmark - price) / benchmark) * 10_000;

function problem(input: TcaInput): string | undefined {
  if (input.side !== 'buy' && input.side !== 'sell') return `side must be buy or sell, got ${String(input.side)}`;
  if (!isLots(input.parentQty)) return `parent quantity must be a positive integer of lots, got ${input.parentQty}`;
  if (!isTime(input.startedAt) || !isTime(input.endedAt) || input.endedAt < input.startedAt) return `the period ${input.startedAt}..${input.endedAt} is not a time interval`;
  if (!isPrice(input.arrivalPrice)) return `arrival price must be positive, got ${input.arrivalPrice}`;
  if (input.endPrice !== undefined && !isPrice(input.endPrice)) return `end price must be positive, got ${input.endPrice}`;
  if (!(input.quotePerTickLot > 0) || !Number.isFinite(input.quotePerTickLot)) return `quotePerTickLot must be positive, got ${input.quotePerTickLot}`;
  for (const [i, t] of input.marketTrades.entries()) {
    if (!isTime(t.ts) || !isPrice(t.price) || !isLots(t.qty)) return `market trade ${i} is malformed (time, price and quantity must be positive numbers, quantity whole lots)`;
  }
  let filled = 0;
  for (const c of input.children) {
    if (!isLots(c.qty)) return `child ${c.childId}: quantity must be a positive integer of lots`;
    if (c.limitPrice !== undefined && !isPrice(c.limitPrice)) return `child ${c.childId}: limit price must be positive`;
    let childFilled = 0;
    for (const [i, f] of c.fills.entries()) {
      if (!isTime(f.ts) || !isPrice(f.price) || !isLots(f.qty)) return `child ${c.childId} fill ${i} is malformed`;
      if (!Number.isSafeInteger(f.fee)) return `child ${c.childId} fill ${i}: fee must be an integer of QuoteUnits`;
      childFilled += f.qty;
    }
    if (childFilled > c.qty) return `child ${c.childId} filled ${childFilled} of ${c.qty} lots: more than it asked for`;
    filled += childFilled;
  }
  if (filled > input.parentQty) return `children filled ${filled} of the parent's ${input.parentQty} lots: more than it asked for`;
  return undefined;
}

/** Computes the report, or says what in the input cannot be analysed. */
export function analyseParent(input: TcaInput): Result<TcaReport> {
  const bad = problem(input);
  if (bad) return err('INVALID_INPUT', `TCA of ${input.parentId}: ${bad}`);
  const { side, arrivalPrice, startedAt, endedAt, quotePerTickLot: qptl } = input;
  const dir = side === 'buy' ? 1 : -1;
  const inPeriod = (ts: number) => ts >= startedAt && ts <= endedAt;

  let marketValue = 0; // ticks*lots
  let marketVolume = 0;
  for (const t of input.marketTrades) {
    if (!inPeriod(t.ts)) continue;
    marketValue += t.price * t.qty;
    marketVolume += t.qty;
  }

  const children: TcaChildRow[] = [];
  let filledQty = 0;
  let filledValue = 0;
  let ourInPeriod = 0;
  let ourValueInPeriod = 0;
  let fees = 0;
  let makerQty = 0;
  let takerQty = 0;
  for (const c of input.children) {
    let q = 0;
    let value = 0;
    let childFees = 0;
    let maker = 0;
    let first: number | undefined;
    let last: number | undefined;
    for (const f of c.fills) {
      q += f.qty;
      value += f.price * f.qty;
      childFees += f.fee;
      if (f.liquidity === 'maker') maker += f.qty;
      if (inPeriod(f.ts)) {
        ourInPeriod += f.qty;
        ourValueInPeriod += f.price * f.qty;
      }
      if (first === undefined || f.ts < first) first = f.ts;
      if (last === undefined || f.ts > last) last = f.ts;
    }
    const avg = q > 0 ? value / q : undefined;
    children.push({
      childId: c.childId,
      venue: c.venue,
      sentAt: c.sentAt,
      limitPrice: c.limitPrice,
      qty: c.qty,
      filledQty: q,
      avgPrice: avg,
      slippageVsArrivalBps: avg === undefined ? undefined : slippageBps(side, avg, arrivalPrice),
      fees: childFees,
      makerQty: maker,
      takerQty: q - maker,
      fills: c.fills.length,
      firstFillAt: first,
      lastFillAt: last,
    });
    filledQty += q;
    filledValue += value;
    fees += childFees;
    makerQty += maker;
    takerQty += q - maker;
  }
  if (input.tapeIncludesOurFills === false) {
    marketValue += ourValueInPeriod;
    marketVolume += ourInPeriod;
  }

  const avgFillPrice = filledQty > 0 ? filledValue / filledQty : undefined;
  const intervalVwap = marketVolume > 0 ? marketValue / marketVolume : undefined;
  const unfilledQty = input.parentQty - filledQty;
  const execution = dir * (filledValue - arrivalPrice * filledQty) * qptl;
  const opportunity = unfilledQty === 0 ? 0 : input.endPrice === undefined ? undefined : dir * (input.endPrice - arrivalPrice) * unfilledQty * qptl;
  const total = execution + (opportunity ?? 0) + fees;
  return ok({
    parentId: input.parentId,
    symbol: input.symbol,
    side,
    parentQty: input.parentQty,
    startedAt,
    endedAt,
    filledQty,
    unfilledQty,
    arrivalPrice,
    intervalVwap,
    marketVolume,
    avgFillPrice,
    slippageVsArrivalBps: avgFillPrice === undefined ? undefined : slippageBps(side, avgFillPrice, arrivalPrice),
    slippageVsVwapBps: avgFillPrice === undefined || intervalVwap === undefined ? undefined : slippageBps(side, avgFillPrice, intervalVwap),
    participation: marketVolume > 0 ? ourInPeriod / marketVolume : undefined,
    fees,
    makerQty,
    takerQty,
    shortfall: { execution, opportunity, fees, total, bps: (total / (arrivalPrice * input.parentQty * qptl)) * 10_000 },
    children,
  });
}
