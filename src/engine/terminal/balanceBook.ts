import type { VenueBalance, VenueEvent, VenueId } from '../core';
import type { BalanceRow, BalancesView } from './views';

type BalancesEvent = Extract<VenueEvent, { type: 'balances' }>;

/**
 * Every account's balances as its venue last reported them: a complete report replaces the account's
 * assets, a partial one (Binance's outboundAccountPosition, ACCOUNT_UPDATE) changes only those it
 * names. An asset at zero free and zero locked is dropped, as the venue's own screens do, unless it
 * still has shares on their way (T1) or pledged; a segment's margin is always kept (nothing available
 * is worth seeing). Kite's T1, collateral and margin marks go through to the view.
 */
export class BalanceBook {
  private readonly accounts = new Map<VenueId, { updatedAt: number; assets: Map<string, VenueBalance> }>();

  /** Applies one report and returns the account's balances as they are now. */
  apply(e: BalancesEvent): BalancesView {
    let account = this.accounts.get(e.venue);
    if (!account || e.complete) this.accounts.set(e.venue, (account = { updatedAt: e.ts, assets: new Map() }));
    account.updatedAt = e.ts;
    for (const b of e.balances) {
      if (isEmpty(b)) account.assets.delete(b.asset);
      else account.assets.set(b.asset, rowOf(b));
    }
    return this.view(e.venue)!;
  }

  /** An account no longer connected: its balances are no longer known. */
  forget(venue: VenueId): void {
    this.accounts.delete(venue);
  }

  view(venue: VenueId): BalancesView | undefined {
    const account = this.accounts.get(venue);
    if (!account) return undefined;
    // Margins first (what there is to trade with), then assets by name.
    const balances: BalanceRow[] = [...account.assets.values()].map(rowOf).sort((a, b) => Number(b.margin ?? false) - Number(a.margin ?? false) || a.asset.localeCompare(b.asset));
    return { venue, updatedAt: account.updatedAt, balances };
  }

  views(): BalancesView[] {
    return [...this.accounts.keys()].sort().map((venue) => this.view(venue)!);
  }
}

function isEmpty(b: VenueBalance): boolean {
  if (b.margin) return false;
  return isZero(b.free) && isZero(b.locked) && (b.t1 === undefined || isZero(b.t1)) && (b.collateral === undefined || isZero(b.collateral));
}

function rowOf(b: VenueBalance): BalanceRow {
  const row: BalanceRow = { asset: b.asset, free: b.free, locked: b.locked };
  if (b.t1 !== undefined) row.t1 = b.t1;
  if (b.collateral !== undefined) row.collateral = b.collateral;
  if (b.margin) row.margin = true;
  return row;
}

/** "0", "0.00000000", "-0.0": the venue's ways of writing nothing. */
function isZero(text: string): boolean {
  return /^-?0*(\.0*)?$/.test(text) && text !== '' && text !== '.';
}
