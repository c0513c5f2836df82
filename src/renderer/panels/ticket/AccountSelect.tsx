import { useId, useMemo } from 'react';
import { AccountBadges } from '../../components/AccountBadges';
import { linking, usePanelInstrument } from '../../state/linking';
import { useMarket } from '../../state/market';
import { useSession } from '../../state/session';
import { focusOnAccount } from '../../view/instrumentSearch';
import { accountChoices, accountOptionText } from '../../view/venues';

/**
 * Which account the ticket sends to: SIM venues and connected accounts. Choosing one moves the whole
 * screen's focus there, to the same symbol when the account trades it, else to its first instrument.
 */
export function AccountSelect({ panel = 'ticket' }: { panel?: string }) {
  const id = useId();
  const status = useSession((s) => s.status);
  const instruments = useMarket((s) => s.instruments);
  const partial = useMarket((s) => s.partial);
  // The ticket's instrument (its link group's): another account moves the ticket's group there.
  const focus = usePanelInstrument(panel);
  const choices = useMemo(() => {
    const list = accountChoices(status, instruments, partial);
    return list.some((c) => c.venue === focus.venue) ? list : [{ venue: focus.venue, badges: [], instruments: 1 }, ...list];
  }, [status, instruments, partial, focus.venue]);
  return (
    <div className="ticket-row">
      <label htmlFor={id}>Account</label>
      <div className="account-select">
        <select
          id={id}
          value={focus.venue}
          onChange={(e) => {
            const inst = focusOnAccount(instruments, focus, e.target.value);
            if (inst) linking.setInstrument(panel, { venue: inst.venue, symbol: inst.symbol });
          }}
        >
          {choices.map((c) => (
            <option key={c.venue} value={c.venue} disabled={c.instruments === 0}>
              {accountOptionText(c)}
            </option>
          ))}
        </select>
        <AccountBadges venue={focus.venue} />
      </div>
    </div>
  );
}
