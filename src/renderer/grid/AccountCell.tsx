import type { ICellRendererParams } from 'ag-grid-community';
import { AccountBadges } from '../components/AccountBadges';

/** An account's name with its TESTNET / CUSTOM badges, compact enough for a grid row. */
export function AccountCell(p: ICellRendererParams<unknown, string>) {
  const venue = p.value;
  if (!venue) return null;
  return (
    <span className="account-cell">
      <span className="name">{venue}</span>
      <AccountBadges venue={venue} compact />
    </span>
  );
}
