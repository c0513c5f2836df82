/**
 * One instrument's inputs and the component readings they give at a moment. Holds raw inputs only; every
 * value is computed at the asked time, so decay and staleness are exact whenever a snapshot is taken.
 */
import type { ComponentName, ComponentReading } from './components';
import type { AggregatorConfig } from './config';
import { DecayedSeries } from './decay';
import { mapFearGreed, mapFundingRate, mapLongShortRatio, mapOpenInterestChange, mapOrderFlow } from './mappings';
import { TechnicalState } from './technicals';

interface Point { raw: number; ts: number }
interface OiPoint { oi: number; ts: number; price?: number }

export class InstrumentSignals {
  readonly sentiment = new DecayedSeries();
  funding: Point | undefined;
  longShort: Point | undefined;
  orderFlow: Point | undefined;
  private oiPrev: OiPoint | undefined;
  private oiLast: OiPoint | undefined;
  readonly technicals: TechnicalState;
  lastPrice: number | undefined;

  constructor(private readonly cfg: AggregatorConfig) {
    this.technicals = new TechnicalState(cfg.technicals);
  }

  addClose(close: number, ts: number): void {
    this.lastPrice = close;
    this.technicals.addClose(close, ts);
  }

  addOpenInterest(oi: number, ts: number): void {
    // A repeat of the same reading time (a re-poll) replaces the latest rather than making a zero-length change.
    if (this.oiLast && ts <= this.oiLast.ts) {
      if (ts === this.oiLast.ts) this.oiLast = { oi, ts, price: this.lastPrice };
      return; // older than what we have: a late duplicate
    }
    this.oiPrev = this.oiLast;
    this.oiLast = { oi, ts, price: this.lastPrice };
  }

  /** Every component at `now`; `fearGreed` is market-wide and passed in. */
  readings(now: number, fearGreed: Point | undefined): ComponentReading[] {
    const c = this.cfg;
    const fresh = (name: ComponentName, ts: number | undefined) => ts !== undefined && now - ts <= c.staleAfterMs[name];
    const out: ComponentReading[] = [];
    const push = (name: ComponentName, value: number | undefined, raw: number | undefined, ts: number | undefined) =>
      out.push(value === undefined ? { name, fresh: false, ts, raw } : { name, value, raw, ts, fresh: fresh(name, ts) });

    const newest = this.sentiment.newest();
    const level = this.sentiment.mean(now, c.sentimentHalfLifeMs);
    push('sentimentLevel', level, level, newest);
    const short = this.sentiment.mean(now, c.momentumShortHalfLifeMs);
    const long = this.sentiment.mean(now, c.momentumLongHalfLifeMs);
    // Both means are in [-1, 1], so half their difference is too.
    const momentum = short !== undefined && long !== undefined ? (short - long) / 2 : undefined;
    push('sentimentMomentum', momentum, momentum === undefined ? undefined : short! - long!, newest);

    push('fundingRate', this.funding && mapFundingRate(this.funding.raw, c.fundingScale), this.funding?.raw, this.funding?.ts);
    push('longShortRatio', this.longShort && mapLongShortRatio(this.longShort.raw, c.longShortLogScale), this.longShort?.raw, this.longShort?.ts);

    const oi = this.openInterestChange();
    push('openInterest', oi && mapOpenInterestChange(oi.rel, oi.priceMove, c.openInterestScale), oi?.rel, this.oiLast?.ts);

    push('fearGreed', fearGreed && mapFearGreed(fearGreed.raw), fearGreed?.raw, fearGreed?.ts);
    push('orderFlow', this.orderFlow && mapOrderFlow(this.orderFlow.raw), this.orderFlow?.raw, this.orderFlow?.ts);

    const t = this.technicals;
    push('rsi', t.rsiValue?.value, t.rsiValue?.raw, t.rsiValue && t.lastTs);
    push('macd', t.macdValue?.value, t.macdValue?.raw, t.macdValue && t.lastTs);
    push('bollinger', t.bollingerValue?.value, t.bollingerValue?.raw, t.bollingerValue && t.lastTs);
    return out;
  }

  /** Relative OI change between the last two readings and the price move over the same span (needs closes). */
  private openInterestChange(): { rel: number; priceMove: number } | undefined {
    const a = this.oiPrev;
    const b = this.oiLast;
    if (!a || !b || !(a.oi > 0) || a.price === undefined || b.price === undefined) return undefined;
    return { rel: (b.oi - a.oi) / a.oi, priceMove: b.price - a.price };
  }

  prune(now: number): void {
    this.sentiment.prune(now, Math.max(this.cfg.sentimentHalfLifeMs, this.cfg.momentumLongHalfLifeMs));
  }
}
