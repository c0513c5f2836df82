import type { Instrument } from '../../../instruments';

/**
 * Quantity freeze limits: the largest quantity (in units, not lots) one order may carry on an exchange's
 * derivatives segment; "all orders entered with quantity more than the freeze quantity are frozen and
 * automatically rejected by the exchange" (NSE). Kite's instruments dump does not carry them.
 *
 * Built in: NSE's index derivatives, from NSE's circular of 29 Aug 2025 effective 1 Sep 2025 (NIFTY 1,800,
 * BANKNIFTY 900, FINNIFTY 1,800, MIDCPNIFTY 2,800, NIFTYNXT50 600). NSE revises them as index levels move
 * (its slab table: an index between 17,250 and 27,500 gets 1,800, between 40,000 and 55,000 gets 900,
 * above 55,000 600), and publishes every stock derivative's limit in its "quantity freeze" file on
 * nseindia.com. Both change, so the trader's `kite-freeze-limits.json` in the data directory overrides
 * and extends this table: `{ "source": "...", "NFO": { "NIFTY": 1800 }, "BFO": { "SENSEX": 1000 } }`.
 * An underlying with no entry has no cap on our side (Kite and the exchange still refuse an oversized
 * order, in their words).
 */
export const BUILT_IN_FREEZE_LIMITS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  NFO: { NIFTY: 1800, BANKNIFTY: 900, FINNIFTY: 1800, MIDCPNIFTY: 2800, NIFTYNXT50: 600 },
};

export const FREEZE_LIMITS_FILE_NAME = 'kite-freeze-limits.json';

export class FreezeLimits {
  private readonly units = new Map<string, number>();

  constructor(table: Readonly<Record<string, Readonly<Record<string, number>>>> = BUILT_IN_FREEZE_LIMITS) {
    this.merge(table);
  }

  merge(table: Readonly<Record<string, Readonly<Record<string, number>>>>): void {
    for (const [exchange, byUnderlying] of Object.entries(table)) {
      for (const [underlying, qty] of Object.entries(byUnderlying)) this.units.set(`${exchange}|${underlying}`, qty);
    }
  }

  /** The freeze quantity in units for a derivative's underlying, if known. */
  unitsFor(exchange: string, underlying: string): number | undefined {
    return this.units.get(`${exchange}|${underlying}`);
  }

  /**
   * The most lots one order of `inst` may carry: floor(freeze / lot size), since a freeze limit need not
   * be a whole number of lots. Undefined for instruments without a known limit (equity has none here).
   */
  lotsFor(inst: Instrument): number | undefined {
    if (!inst.contract || !inst.exchange) return undefined;
    const units = this.unitsFor(inst.exchange, inst.base);
    if (units === undefined) return undefined;
    return Math.floor(units / inst.lotSize);
  }
}

/**
 * Reads the trader's freeze-limit file JSON on top of the built-in table. Entries that are not a positive
 * whole quantity are reported and skipped; the rest apply.
 */
export function parseFreezeLimits(json: unknown): { limits: FreezeLimits; problems: string[] } {
  const limits = new FreezeLimits();
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { limits, problems: ['expected an object of exchange -> { underlying: quantity }'] };
  }
  for (const [exchange, table] of Object.entries(json as Record<string, unknown>)) {
    if (exchange === 'source' || exchange === 'asOf') continue;
    if (typeof table !== 'object' || table === null || Array.isArray(table)) {
      problems.push(`${exchange}: expected { underlying: quantity }`);
      continue;
    }
    const good: Record<string, number> = {};
    for (const [underlying, qty] of Object.entries(table as Record<string, unknown>)) {
      if (typeof qty === 'number' && Number.isSafeInteger(qty) && qty > 0) good[underlying] = qty;
      else problems.push(`${exchange}.${underlying}: not a positive whole quantity`);
    }
    limits.merge({ [exchange]: good });
  }
  return { limits, problems };
}
