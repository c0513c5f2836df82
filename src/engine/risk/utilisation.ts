import { formatScaled } from '../core';
import type { BreakerState } from './breakerStateMachine';
import type { CompiledLimits, OrderFlowRisk } from './compiledLimits';
import type { DailyLossStatus } from './dailyLoss';
import type { KillSwitchStatus } from './killSwitch';
import { describeAmount, describeQty, trimDecimal } from './limits';
import { workingToward, type RiskContext } from './riskContext';

/** How much of one limit is in use. Amounts are decimal strings with their unit, ready to show. */
export interface LimitUse {
  used: string;
  /** undefined = no limit. */
  limit: string | undefined;
  /** used / limit, >= 0, for a bar (a display ratio, not money); 1 when the limit is 0; undefined without a limit. */
  fraction: number | undefined;
}

export interface RateUse {
  perSecond: number;
  burst: number;
  /** Whole orders that may go at once right now. */
  available: number;
  /** Share of the bucket used: (burst - available) / burst. */
  fraction: number;
}

export interface InstrumentUtilisation {
  venue: string;
  symbol: string;
  /** Signed position, base asset. */
  position: string;
  /** Worst-case long (position + working buys) and short (-position + working sells) against their limits. */
  long: LimitUse;
  short: LimitUse;
  openOrders: LimitUse;
  breaker: BreakerState;
}

export interface VenueUtilisation {
  venue: string;
  openOrders: LimitUse;
  orderRate: RateUse | undefined;
  breaker: BreakerState;
}

export interface CurrencyUtilisation {
  currency: string;
  /** undefined used = a position could not be valued (no mark). */
  grossExposure: LimitUse;
  /** Today's P&L (signed), from the last daily loss evaluation; undefined before the first. */
  dailyPnl: string | undefined;
  dailyLoss: LimitUse;
}

/** One underlying's option delta and vega against its limits, as the pre-trade check sums them. */
export interface OptionUtilisation {
  /** As the limits are keyed: "SIM:BTC-USDT". */
  underlying: string;
  /** Units of the underlying. */
  delta: LimitUse;
  /** Quote currency per 1 vol point (`currency`). */
  vega: LimitUse;
  currency: string;
  /** Option positions on it that could not be priced now (left out of the sums; an order on it is refused while a limit needs them). */
  unpriced: number;
}

/** Everything the risk panel shows, in one call. */
export interface RiskUtilisation {
  ts: number;
  killSwitch: KillSwitchStatus;
  account: { openOrders: LimitUse; orderRate: RateUse | undefined };
  venues: VenueUtilisation[];
  instruments: InstrumentUtilisation[];
  currencies: CurrencyUtilisation[];
  /** Option delta and vega per underlying against the option limits. */
  options: OptionUtilisation[];
}

export interface UtilisationInputs {
  now: number;
  compiled: CompiledLimits;
  context: RiskContext;
  killSwitch: KillSwitchStatus;
  grossExposure: (currency: string) => number;
  dailyLoss: (currency: string) => DailyLossStatus | undefined;
  options: () => OptionUtilisation[];
}

export function buildUtilisation(x: UtilisationInputs): RiskUtilisation {
  const { now, compiled, context } = x;
  const instruments = compiled.all.map((e): InstrumentUtilisation => {
    const w = context.exposure(e.ref);
    const position = w.position;
    const qty = (lots: number): string => describeQty(e.inst, lots);
    return {
      venue: e.venue,
      symbol: e.symbol,
      position: qty(position),
      long: use(position + workingToward(w.buyQty, w.reduceBuyQty, -position), e.maxLongPosition, qty),
      short: use(-position + workingToward(w.sellQty, w.reduceSellQty, position), e.maxShortPosition, qty),
      openOrders: use(w.count, e.maxOpenOrders, String),
      breaker: e.breaker.state,
    };
  });
  const venues = [...compiled.venues.values()].map(
    (v): VenueUtilisation => ({
      venue: v.venue,
      openOrders: use(venueOpenOrders(compiled, context, v.venue), v.maxOpenOrders, String),
      orderRate: rate(v),
      breaker: v.breaker.state,
    }),
  );
  const currencies = [...compiled.currencies.values()].map((c): CurrencyUtilisation => {
    const amount = (units: number): string => describeAmount(units, c.decimals, c.currency);
    const exposure = x.grossExposure(c.currency);
    const loss = x.dailyLoss(c.currency);
    return {
      currency: c.currency,
      grossExposure:
        exposure === exposure
          ? use(exposure, c.maxGrossExposure, amount)
          : { used: 'unknown (a position has no mark)', limit: limitText(c.maxGrossExposure, amount), fraction: undefined },
      dailyPnl: loss && `${trimDecimal(formatScaled(loss.pnl, c.decimals))} ${c.currency}`,
      dailyLoss: use(loss?.loss ?? 0, c.maxDailyLoss ?? Infinity, amount),
    };
  });
  return {
    ts: now,
    killSwitch: x.killSwitch,
    account: { openOrders: use(context.accountOpenOrders(), compiled.account.maxOpenOrders, String), orderRate: rate(compiled.account) },
    venues,
    instruments,
    currencies,
    options: x.options(),
  };
}

function venueOpenOrders(compiled: CompiledLimits, context: RiskContext, venue: string): number {
  const any = compiled.all.find((e) => e.venue === venue);
  return any ? context.exposure(any.ref).venue.count : 0;
}

function use(used: number, limit: number, show: (n: number) => string): LimitUse {
  if (limit === Infinity) return { used: show(used), limit: undefined, fraction: undefined };
  // Negative use (a long position leaves more room short) shows as an empty bar.
  return { used: show(used), limit: show(limit), fraction: limit === 0 ? 1 : Math.max(0, used / limit) };
}

const limitText = (limit: number, show: (n: number) => string): string | undefined => (limit === Infinity ? undefined : show(limit));

function rate(flow: OrderFlowRisk): RateUse | undefined {
  const b = flow.bucket;
  if (!b) return undefined;
  const available = b.tokens();
  return { perSecond: b.perSecond, burst: b.burst, available, fraction: (b.burst - available) / b.burst };
}
