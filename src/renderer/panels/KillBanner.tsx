import { useState } from 'react';
import { ResetKillDialog } from '../components/ResetKillDialog';
import { useAccount } from '../state/account';
import { venueKillLines } from '../view/killReport';
import { timeText, zoneText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';

/** While the kill switch is engaged nothing can be missed: a banner across the screen says so and why. */
export function KillBanner() {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const kill = useAccount((s) => s.kill);
  const [confirming, setConfirming] = useState(false);
  if (!kill?.engaged) return null;
  const engagedBy = [...kill.history].reverse().find((e) => e.action === 'engage');
  const since = kill.since ?? engagedBy?.ts;
  const source = kill.source ?? engagedBy?.source;
  const reason = kill.reason ?? engagedBy?.reason;
  // A venue's own kill (Kite) that failed somewhere must be seen: an order may still be working there.
  const venueLines = venueKillLines(kill);
  return (
    <>
    <div className="banner kill-banner" role="status">
      <strong>KILL SWITCH ENGAGED</strong>
      <span className="detail">
        {[since !== undefined ? `since ${timeText(since)} ${zoneText(since)}` : '', source ? `by ${source}` : '', reason ?? '']
          .filter(Boolean)
          .join(' · ')}
      </span>
      <span className="detail">New orders are refused until it is reset.</span>
      {venueLines.length > 0 && (
        <ul className="detail venue-kill" aria-label="At the venues">
          {venueLines.map((l) => (
            <li key={l.text} className={l.bad ? 'bad' : undefined} title={l.text}>
              {l.text}
            </li>
          ))}
        </ul>
      )}
      <div className="spacer" />
      <button type="button" className="btn" onClick={() => setConfirming(true)}>
        Reset kill switch
      </button>
    </div>
    {confirming && <ResetKillDialog onClose={() => setConfirming(false)} />}
    </>
  );
}
