import type { BalancesView } from '../../contract/api';

/** One row of the Balances panel: every cell as text (the venue's own decimals, never re-rounded). */
export interface BalanceGridRow {
  id: string;
  account: string;
  asset: string;
  free: string;
  locked: string;
  /** "12.34 USDT", or a dash when the account has no price for the asset. */
  value: string;
}

/** Accounts in name order, each account's assets as the engine sorted them. */
export function balanceRows(byAccount: Record<string, BalancesView>): BalanceGridRow[] {
  return Object.keys(byAccount)
    .sort((a, b) => a.localeCompare(b))
    .flatMap((venue) =>
      byAccount[venue]!.balances.map((b) => ({
        id: `${venue}:${b.asset}`,
        account: venue,
        asset: b.asset,
        free: b.free,
        locked: b.locked,
        value: b.valueInQuote !== undefined ? `${b.valueInQuote}${b.quoteAsset ? ` ${b.quoteAsset}` : ''}` : '—',
      })),
    );
}
