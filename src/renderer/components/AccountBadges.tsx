import { useSession } from '../state/session';
import { accountBadges, venueStatus } from '../view/venues';

const detail = { TESTNET: "the venue's test network: no real money", CUSTOM: "the venue's documented URLs are replaced" } as const;

/** TESTNET and CUSTOM beside an account's name wherever it appears; nothing for SIM or a plain production account. */
export function AccountBadges({ venue }: { venue: string }) {
  const badges = useSession((s) => accountBadges(venueStatus(s.status, venue)).join(' '));
  if (badges === '') return null;
  return (
    <span className="account-badges">
      {badges.split(' ').map((b) => (
        <span key={b} className={`badge ${b === 'TESTNET' ? 'badge-testnet' : 'badge-endpoint'}`} title={detail[b as keyof typeof detail]}>
          {b}
        </span>
      ))}
    </span>
  );
}
