import { emptyGreeks, greeksInto, optionPrice, yearsBetween, type Greeks, type OptionInputs } from '../pricing';
import type { StrategyLeg, StrategyMarket } from './legs';

/*
 * A strategy's value and P&L at a given underlying price and date, by Black-Scholes-Merton (or Black-76)
 * with each leg's own volatility and time left; a leg at or past its expiry is worth its intrinsic value.
 * P&L is in cash: Σ quantity × multiplier × (value now − entry price).
 */

const scratch: OptionInputs = { model: 'bsm', right: 'call', spot: 0, strike: 0, years: 0, rate: 0, dividend: 0, sigma: 0 };

/** What one unit of the leg's underlying exposure is worth per unit at `spot` and `atMs`. */
export function legValue(leg: StrategyLeg, market: StrategyMarket, spot: number, atMs: number): number {
  if (leg.kind === 'underlying') return spot;
  if (atMs >= leg.expiryMs) return Math.max(0, leg.right === 'call' ? spot - leg.strike : leg.strike - spot);
  const o = fill(leg, market, spot, atMs);
  return optionPrice(o);
}

/** P&L of the whole position in cash at `spot` on `atMs`. */
export function pnlAt(legs: readonly StrategyLeg[], market: StrategyMarket, spot: number, atMs: number): number {
  let sum = 0;
  for (const leg of legs) sum += leg.quantity * leg.multiplier * (legValue(leg, market, spot, atMs) - leg.entryPrice);
  return sum;
}

/** One point of a payoff chart. */
export interface PayoffPoint {
  spot: number;
  pnl: number;
}

/** Evenly spaced underlying prices from `low` to `high` inclusive (`count` ≥ 2). */
export function priceGrid(low: number, high: number, count: number): number[] {
  if (!(count >= 2) || !Number.isInteger(count)) throw new Error('a price grid needs at least 2 points');
  if (!(low >= 0) || !(high > low)) throw new Error('a price grid needs 0 ≤ low < high');
  const out: number[] = [];
  const step = (high - low) / (count - 1);
  for (let i = 0; i < count; i++) out.push(i === count - 1 ? high : low + i * step);
  return out;
}

/** The P&L curve on `grid` at `atMs` (today: the valuation time; expiry: the first expiry). */
export function payoffCurve(legs: readonly StrategyLeg[], market: StrategyMarket, grid: readonly number[], atMs: number): PayoffPoint[] {
  return grid.map((spot) => ({ spot, pnl: pnlAt(legs, market, spot, atMs) }));
}

/**
 * A price range that shows the interesting part of the payoff: every strike and the spot with a margin of
 * `margin` (0.25 = a quarter) of the widest of them on each side, never below zero.
 */
export function chartRange(legs: readonly StrategyLeg[], spot: number, margin = 0.25): { low: number; high: number } {
  let lo = spot;
  let hi = spot;
  for (const leg of legs) {
    if (leg.kind !== 'option') continue;
    if (leg.strike < lo) lo = leg.strike;
    if (leg.strike > hi) hi = leg.strike;
  }
  const pad = Math.max(hi - lo, hi * 0.05) * margin + hi * 0.05;
  return { low: Math.max(0, lo - pad), high: hi + pad };
}

/**
 * Net premium of the option legs in cash: > 0 a debit (paid to open), < 0 a credit (received). The
 * underlying leg is not premium and is left out.
 */
export interface NetPremium {
  amount: number;
  kind: 'debit' | 'credit' | 'even';
}

export function netPremium(legs: readonly StrategyLeg[]): NetPremium {
  let amount = 0;
  for (const leg of legs) if (leg.kind === 'option') amount += leg.quantity * leg.multiplier * leg.entryPrice;
  return { amount: Math.abs(amount), kind: amount > 0 ? 'debit' : amount < 0 ? 'credit' : 'even' };
}

/**
 * The position's Greeks in cash terms at `spot` on `atMs`: Σ leg greek × quantity × multiplier (price is
 * the position's value). The underlying leg has delta 1 per unit and nothing else. Units as in pricing.ts.
 */
export function netGreeks(legs: readonly StrategyLeg[], market: StrategyMarket, spot: number, atMs: number): Greeks {
  const net = emptyGreeks();
  const g = emptyGreeks();
  for (const leg of legs) {
    const size = leg.quantity * leg.multiplier;
    if (leg.kind === 'underlying') {
      net.price += size * spot;
      net.delta += size;
      continue;
    }
    greeksInto(fill(leg, market, spot, atMs), g);
    net.price += size * g.price;
    net.delta += size * g.delta;
    net.gamma += size * g.gamma;
    net.vega += size * g.vega;
    net.theta += size * g.theta;
    net.rho += size * g.rho;
    net.vanna += size * g.vanna;
    net.volga += size * g.volga;
    net.charm += size * g.charm;
  }
  return net;
}

function fill(leg: Extract<StrategyLeg, { kind: 'option' }>, market: StrategyMarket, spot: number, atMs: number): OptionInputs {
  scratch.model = market.model;
  scratch.right = leg.right;
  scratch.spot = spot;
  scratch.strike = leg.strike;
  scratch.years = yearsBetween(atMs, leg.expiryMs);
  scratch.rate = market.rate;
  scratch.dividend = market.dividend;
  scratch.sigma = leg.vol;
  return scratch;
}
