import type { PositionGreeksView, UnderlyingGreeksView } from '../../contract/api';
import { decimalText, numberText } from './numbers';

/**
 * The Greeks view's text. Greeks are floats (model numbers, not money): shown rounded for reading, with
 * the unit in the column header and the conventions line, never fed back into an order.
 */

const dash = '—';

/** Delta in units of the underlying: four decimals ("0.0153", "-1.2"), trailing zeros trimmed. */
export function deltaText(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return dash;
  const text = x.toFixed(4).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : numberText(text);
}

/** An amount in the quote currency: two decimals ("-1234.56"; grouped and with a comma as Settings say). */
export function moneyText(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return dash;
  return decimalText(x, 2);
}

/** Gamma is small per 1 quote-currency move (BTC: ~1e-5): three significant digits, in exponent form when tiny. */
export function gammaText(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return dash;
  if (x === 0) return '0';
  return numberText(Math.abs(x) >= 0.001 ? x.toPrecision(3).replace(/\.?0+$/, '') : x.toExponential(2));
}

export interface GreeksCells {
  delta: string;
  deltaNotional: string;
  gamma: string;
  vega: string;
  theta: string;
}

export function greeksCells(g: Pick<UnderlyingGreeksView, 'delta' | 'deltaNotional' | 'gamma' | 'vega' | 'theta'> | PositionGreeksView): GreeksCells {
  return {
    delta: deltaText(g.delta),
    deltaNotional: moneyText(g.deltaNotional),
    gamma: gammaText(g.gamma),
    vega: moneyText(g.vega),
    theta: moneyText(g.theta),
  };
}

/** A position's quantity in units of the underlying ("+0.03", "-75"). */
export function unitsText(units: number): string {
  const text = numberText(String(Number(units.toPrecision(12))));
  return units > 0 ? `+${text}` : text;
}

/** The underlying's price, in the decimals it needs (2 for most, more for a price under 1). */
export function priceText(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return dash;
  if (x >= 1) return decimalText(x, 2);
  // Under 1: up to six decimals, at least two, so a small price is not rounded away.
  const six = x.toFixed(6).replace(/0{1,4}$/, '');
  return numberText(six);
}

/** What a child row is: "Call 95000 · 11 Dec", "Spot", "Future 29 Dec". */
export function positionLabel(p: PositionGreeksView): string {
  const when = p.expiry !== undefined ? new Date(p.expiry).toLocaleDateString('en-GB', { day: '2-digit', month: 'short', timeZone: 'UTC' }) : '';
  if (p.kind === 'spot') return 'Spot';
  if (p.kind === 'future') return `Future ${when}`.trim();
  return `${p.kind === 'call' ? 'Call' : 'Put'} ${p.strike ?? ''} · ${when}`;
}

/** "1 position could not be priced" for the underlying's row, or undefined when all are. */
export function unpricedText(u: UnderlyingGreeksView): string | undefined {
  if (u.unpriced === 0) return undefined;
  return `${u.unpriced} position${u.unpriced === 1 ? '' : 's'} not priced now (left out of the sums)`;
}
