/**
 * ccxt's balance and position shapes as our VenueEvent parts. Balances stay decimal text (shown and
 * compared, never used in float arithmetic); a position's size becomes signed lots.
 */
import type { Balances as CcxtBalances, Position as CcxtPosition } from 'ccxt';
import type { VenueBalance, VenuePosition } from '../../core';
import { parsePrice, parseQty, type Instrument } from '../../instruments';
import { decimalText, signedDecimalText } from './decimalText';

/** Fields of ccxt's Balances that are not assets. */
const NOT_ASSETS = new Set(['info', 'free', 'used', 'total', 'timestamp', 'datetime', 'debt']);

export function balancesOf(b: CcxtBalances): VenueBalance[] {
  const out: VenueBalance[] = [];
  for (const [asset, value] of Object.entries(b)) {
    if (NOT_ASSETS.has(asset) || !value || typeof value !== 'object') continue;
    const { free, used } = value as { free?: number; used?: number };
    const freeText = decimalText(free ?? 0);
    const usedText = decimalText(used ?? 0);
    if (freeText === undefined || usedText === undefined) continue;
    out.push({ asset, free: freeText, locked: usedText });
  }
  return out.sort((a, b) => a.asset.localeCompare(b.asset));
}

/** A position on one of the account's instruments; undefined if its size is not a whole number of lots. */
export function positionOf(inst: Instrument, p: CcxtPosition): VenuePosition | undefined {
  const size = decimalText(Math.abs(p.contracts ?? 0));
  if (size === undefined) return undefined;
  const lots = size === '0' ? ({ ok: true, value: 0 } as const) : parseQty(inst, size);
  if (!lots.ok) return undefined;
  const out: VenuePosition = { symbol: inst.symbol, qty: p.side === 'short' ? -lots.value : lots.value };
  const entry = p.entryPrice ? decimalText(p.entryPrice) : undefined;
  // An average entry price need not be a whole number of ticks: it is then left out, not rounded.
  const entryTicks = entry !== undefined ? parsePrice(inst, entry) : undefined;
  if (entryTicks?.ok) out.entryPrice = entryTicks.value;
  const pnl = p.unrealizedPnl !== undefined ? signedDecimalText(p.unrealizedPnl) : undefined;
  if (pnl !== undefined) out.unrealisedPnl = pnl;
  return out;
}
