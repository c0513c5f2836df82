import type { OptionRight, PricingModel } from '../pricing';

/**
 * One leg of a multi-leg position. Prices (`strike`, `entryPrice`) are per unit of the underlying, in the
 * currency the underlying is quoted in: the same units `optionPrice` returns. What one contract is worth
 * in cash is that price × `multiplier` (the contract size: 1 on Deribit, the lot size on NSE), and a leg's
 * cash is that × `quantity`.
 */
export interface OptionLeg {
  kind: 'option';
  right: OptionRight;
  strike: number;
  /** Expiry instant, epoch ms. */
  expiryMs: number;
  /** Signed number of contracts: > 0 bought, < 0 sold. */
  quantity: number;
  /** Units of the underlying per contract. */
  multiplier: number;
  /** Premium paid (bought) or received (sold) per unit of the underlying. */
  entryPrice: number;
  /** The leg's implied volatility, used to value it before its expiry ("today", or any date before). */
  vol: number;
}

/** The underlying itself (the stock of a covered call, the future of a hedged position). */
export interface UnderlyingLeg {
  kind: 'underlying';
  quantity: number;
  multiplier: number;
  /** Price paid per unit of the underlying. */
  entryPrice: number;
}

export type StrategyLeg = OptionLeg | UnderlyingLeg;

/** What every leg is valued with: the pricing model and the continuous rates (see pricing.ts). */
export interface StrategyMarket {
  model: PricingModel;
  rate: number;
  /** Dividend or carry yield (BSM only). */
  dividend: number;
}

/**
 * Every problem with the legs, as sentences (empty: the legs can be valued). `nowMs` is the valuation
 * time: a leg that has already expired cannot be part of a strategy being built.
 */
export function legProblems(legs: readonly StrategyLeg[], nowMs: number): string[] {
  if (legs.length === 0) return ['a strategy needs at least one leg'];
  const out: string[] = [];
  legs.forEach((leg, i) => {
    const name = `leg ${i + 1}`;
    if (!Number.isFinite(leg.quantity) || leg.quantity === 0) out.push(`${name}: quantity must be a non-zero number of contracts`);
    if (!Number.isFinite(leg.multiplier) || !(leg.multiplier > 0)) out.push(`${name}: multiplier must be positive`);
    if (!Number.isFinite(leg.entryPrice) || leg.entryPrice < 0) out.push(`${name}: entry price must be a finite non-negative price`);
    if (leg.kind === 'underlying') return;
    if (leg.kind !== 'option') {
      out.push(`${name}: unknown leg kind ${JSON.stringify((leg as { kind: unknown }).kind)}`);
      return;
    }
    if (leg.right !== 'call' && leg.right !== 'put') out.push(`${name}: right must be "call" or "put"`);
    if (!Number.isFinite(leg.strike) || !(leg.strike > 0)) out.push(`${name}: strike must be positive`);
    if (!Number.isFinite(leg.vol) || leg.vol < 0) out.push(`${name}: volatility must be a finite non-negative number`);
    if (!Number.isFinite(leg.expiryMs)) out.push(`${name}: expiry must be a time`);
    else if (leg.expiryMs <= nowMs) out.push(`${name}: the ${leg.right} ${leg.strike} expired at ${new Date(leg.expiryMs).toISOString()}`);
  });
  return out;
}

/** Throws one error naming every problem; for callers that cannot go on with bad legs. */
export function assertLegs(legs: readonly StrategyLeg[], nowMs: number): void {
  const problems = legProblems(legs, nowMs);
  if (problems.length > 0) throw new Error(`invalid strategy: ${problems.join('; ')}`);
}

/** The first expiry among the option legs (Infinity with none: an underlying alone never expires). */
export function firstExpiry(legs: readonly StrategyLeg[]): number {
  let first = Infinity;
  for (const leg of legs) if (leg.kind === 'option' && leg.expiryMs < first) first = leg.expiryMs;
  return first;
}
