/**
 * A USD-M account's balances and positions as VenueEvents: from GET /fapi/v2/account (the whole
 * account: `complete`) and from the user stream's ACCOUNT_UPDATE (only what changed).
 *
 * A balance line is a margin asset's wallet balance (`free`; `locked` "0"): ACCOUNT_UPDATE carries
 * only the wallet balance (`wb`), so margin held by positions and orders cannot be split out the same
 * way in both, and a line must mean the same thing whichever message it came from.
 *
 * A position is one per symbol, signed lots, as one-way mode (positionSide BOTH) keeps it. Legs of
 * hedge mode (LONG, SHORT; SHORT amounts negative) are netted over what one message carries, which is
 * right for the account read but not for an ACCOUNT_UPDATE naming only the leg that changed: hedge
 * mode is not supported by this connector yet. The entry price is an average, rarely on a tick: it is
 * rounded to the nearest tick for display; the unrealised PnL is the venue's own text.
 */
import type { Logger, VenueBalance, VenuePosition } from '../../../core';
import type { Instrument } from '../../../instruments';

/** The parts of GET /fapi/v2/account read here (account_info_v2.json). */
export interface UsdmWireAccount {
  canTrade?: boolean;
  assets?: { asset: string; walletBalance: string }[];
  positions?: { symbol: string; positionAmt: string; entryPrice?: string; unrealizedProfit?: string; positionSide?: string }[];
}

/** ACCOUNT_UPDATE's body (account_update.json). */
export interface UsdmAccountUpdate {
  e: 'ACCOUNT_UPDATE';
  E: number;
  T: number;
  a: {
    m?: string;
    B?: { a: string; wb: string; cw?: string }[];
    P?: { s: string; pa: string; ep?: string; up?: string; ps?: string }[];
  };
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Signed lots of a position amount ("-0.010" -> -10 on a 0.001 lot); undefined if it is not a whole number of lots. */
function signedLots(inst: Instrument, text: string): number | undefined {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > inst.qtyDecimals) return undefined;
  const units = BigInt(m[2]! + frac.padEnd(inst.qtyDecimals, '0'));
  if (units % BigInt(inst.lotSize) !== 0n) return undefined;
  const lots = Number(units / BigInt(inst.lotSize));
  return m[1] && lots !== 0 ? -lots : lots;
}

/** A price to the nearest tick (half up); undefined for zero or unreadable text. */
function nearestTick(inst: Instrument, text: string | undefined): number | undefined {
  const m = text === undefined ? null : /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const scale = 10n ** BigInt(Math.max(0, frac.length - inst.priceDecimals));
  const digits = BigInt(m[1]! + frac.padEnd(inst.priceDecimals, '0'));
  const units = frac.length > inst.priceDecimals ? (digits + scale / 2n) / scale : digits;
  const tick = BigInt(inst.tickSize);
  const ticks = Number((units + tick / 2n) / tick);
  return ticks > 0 ? ticks : undefined;
}

type Leg = { s: string; pa: string; ep?: string | undefined; up?: string | undefined };

/** Nets each symbol's legs into one position; legs of symbols not loaded here are left out. */
function positionsOf(legs: readonly Leg[], bySymbol: ReadonlyMap<string, Instrument>, logger: Logger): VenuePosition[] {
  const out = new Map<string, { inst: Instrument; qty: number; open: Leg[] }>();
  for (const leg of legs) {
    const inst = bySymbol.get(leg.s);
    if (!inst) continue;
    const qty = signedLots(inst, leg.pa);
    if (qty === undefined) {
      logger.error({ symbol: leg.s, positionAmt: leg.pa }, 'a Binance position amount is not a whole number of lots: left out');
      continue;
    }
    const p = out.get(leg.s) ?? { inst, qty: 0, open: [] };
    p.qty += qty;
    if (qty !== 0) p.open.push(leg);
    out.set(leg.s, p);
  }
  return [...out.values()].map(({ inst, qty, open }) => {
    const position: VenuePosition = { symbol: inst.symbol, qty };
    const only = open.length === 1 ? open[0]! : undefined;
    const entry = only ? nearestTick(inst, only.ep) : undefined;
    if (entry !== undefined) position.entryPrice = entry;
    if (only?.up !== undefined && DECIMAL.test(only.up)) position.unrealisedPnl = only.up;
    return position;
  });
}

export function accountBalances(account: UsdmWireAccount): VenueBalance[] {
  return (account.assets ?? []).filter((a) => DECIMAL.test(a.walletBalance)).map((a) => ({ asset: a.asset, free: a.walletBalance, locked: '0' }));
}

/** Every open position of the account (flat symbols left out: the list is complete). */
export function accountPositions(account: UsdmWireAccount, bySymbol: ReadonlyMap<string, Instrument>, logger: Logger): VenuePosition[] {
  const legs = (account.positions ?? []).map((p) => ({ s: p.symbol, pa: p.positionAmt, ep: p.entryPrice, up: p.unrealizedProfit }));
  return positionsOf(legs, bySymbol, logger).filter((p) => p.qty !== 0);
}

export function updateBalances(u: UsdmAccountUpdate): VenueBalance[] {
  return (u.a.B ?? []).filter((b) => DECIMAL.test(b.wb)).map((b) => ({ asset: b.a, free: b.wb, locked: '0' }));
}

/** The positions the update names, flat ones included (a close must reach the terminal). */
export function updatePositions(u: UsdmAccountUpdate, bySymbol: ReadonlyMap<string, Instrument>, logger: Logger): VenuePosition[] {
  return positionsOf(u.a.P ?? [], bySymbol, logger);
}
