import type { BalancesView } from '../../contract/api';

/**
 * One row of the Balances panel: every cell as text, the venue's own digits never re-rounded, only the
 * zeros it pads with dropped ("9600.09500000" reads 9600.095): eight-decimal amounts do not fit a dense
 * grid, and the digits that remain are exactly the venue's. The value in quote keeps two decimals.
 */
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
        free: withoutPadding(b.free),
        locked: withoutPadding(b.locked),
        value: b.valueInQuote !== undefined ? `${toCents(b.valueInQuote)}${b.quoteAsset ? ` ${b.quoteAsset}` : ''}` : '—',
      })),
    );
}

/** "1.50000000" -> "1.5", "0.00000000" -> "0", "12" stays: trailing zeros after the point only. */
export function withoutPadding(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

/** A value in quote to two decimals, truncated (never rounded up): "9799.99500000" -> "9799.99". */
function toCents(text: string): string {
  const [whole, fraction = ''] = text.split('.');
  return `${whole}.${(fraction + '00').slice(0, 2)}`;
}
