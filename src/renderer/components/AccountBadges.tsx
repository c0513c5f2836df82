import { useSession } from '../state/session';
import { accountBadges, venueStatus } from '../view/venues';

const detail = { TESTNET: "the venue's test network: no real money", CUSTOM: "the venue's documented URLs are replaced" } as const;

/**
 * TESTNET and CUSTOM beside an account's name wherever it appears; nothing for SIM or a plain production
 * account. `compact` (grid cells, where the column is narrow) shows their first letters, the words
 * staying in the accessible name and the tooltip.
 */
export function AccountBadges({ venue, compact = false }: { venue: string; compact?: boolean }) {
  const badges = useSession((s) => accountBadges(venueStatus(s.status, venue)).join(' '));
  if (badges === '') return null;
  return (
    <span className="account-badges">
      {badges.split(' ').map((b) => (
        <span
          key={b}
          className={`badge ${b === 'TESTNET' ? 'badge-testnet' : 'badge-endpoint'}`}
          title={compact ? `${b}: ${detail[b as keyof typeof detail]}` : detail[b as keyof typeof detail]}
          aria-label={compact ? b : undefined}
        >
          {compact ? b[0] : b}
        </span>
      ))}
    </span>
  );
}
