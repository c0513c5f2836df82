import type { VenueBalance, VenueEvent, VenueId } from '../core';
import type { BalanceRow, BalancesView } from './views';

type BalancesEvent = Extract<VenueEvent, { type: 'balances' }>;

/**
 * Every account's balances as its venue last reported them: a complete report replaces the account's
 * assets, a partial one (Binance's outboundAccountPosition, ACCOUNT_UPDATE) changes only those it
 * names. An asset at zero free and zero locked is dropped, as the venue's own screens do.
 */
export class BalanceBook {
  private readonly accounts = new Map<VenueId, { updatedAt: number; assets: Map<string, VenueBalance> }>();

  /** Applies one report and returns the account's balances as they are now. */
  apply(e: BalancesEvent): BalancesView {
    let account = this.accounts.get(e.venue);
    if (!account || e.complete) this.accounts.set(e.venue, (account = { updatedAt: e.ts, assets: new Map() }));
    account.updatedAt = e.ts;
    for (const b of e.balances) {
      if (isZero(b.free) && isZero(b.locked)) account.assets.delete(b.asset);
      else account.assets.set(b.asset, { asset: b.asset, free: b.free, locked: b.locked });
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
    const balances: BalanceRow[] = [...account.assets.values()].sort((a, b) => a.asset.localeCompare(b.asset));
    return { venue, updatedAt: account.updatedAt, balances };
  }

  views(): BalancesView[] {
    return [...this.accounts.keys()].sort().map((venue) => this.view(venue)!);
  }
}

/** "0", "0.00000000", "-0.0": the venue's ways of writing nothing. */
function isZero(text: string): boolean {
  return /^-?0*(\.0*)?$/.test(text) && text !== '' && text !== '.';
}
