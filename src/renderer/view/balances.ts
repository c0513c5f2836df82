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
  /** Kite holdings: shares bought and not yet delivered (T+1); a dash elsewhere. */
  t1: string;
  /** Kite holdings: shares pledged as collateral; margins: the collateral's value; a dash elsewhere. */
  collateral: string;
  /** A Kite segment's margin row (rupees available as free, used as locked), not an asset held. */
  margin: boolean;
}

/** The T1 and Collateral columns appear only when some account reports them (Kite). */
export function kiteColumnsShown(rows: readonly BalanceGridRow[]): { t1: boolean; collateral: boolean } {
  return { t1: rows.some((r) => r.t1 !== '—'), collateral: rows.some((r) => r.collateral !== '—') };
}

/** Accounts in name order, each account's assets as the engine sorted them. */
export function balanceRows(byAccount: Record<string, BalancesView>): BalanceGridRow[] {
  return Object.keys(byAccount)
    .sort((a, b) => a.localeCompare(b))
    .flatMap((venue) =>
      byAccount[venue]!.balances.map((b) =>
        b.margin
          ? {
              // Kite's margins are rupees available to trade with (Free) and used by positions and
              // orders (Locked), as the column headers' tooltips say; short enough for a 1366 screen.
              id: `${venue}:${b.asset}`,
              account: venue,
              asset: b.asset,
              free: `₹${b.free}`,
              locked: `₹${b.locked}`,
              value: '—',
              t1: '—',
              collateral: b.collateral !== undefined ? `₹${b.collateral}` : '—',
              margin: true,
            }
          : {
              id: `${venue}:${b.asset}`,
              account: venue,
              asset: b.asset,
              free: withoutPadding(b.free),
              locked: withoutPadding(b.locked),
              value: b.valueInQuote !== undefined ? `${toCents(b.valueInQuote)}${b.quoteAsset ? ` ${b.quoteAsset}` : ''}` : '—',
              t1: b.t1 !== undefined ? withoutPadding(b.t1) : '—',
              collateral: b.collateral !== undefined ? withoutPadding(b.collateral) : '—',
              margin: false,
            },
      ),
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
