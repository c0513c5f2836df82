import { useEffect, useState } from 'react';
import type { VenueStatus } from '../../contract/api';
import { useAccount } from '../state/account';
import { useMarket } from '../state/market';
import { useSession } from '../state/session';
import { timeText, zoneText } from '../view/numbers';
import { latencyText } from '../view/venues';
import { AccountBadges } from '../components/AccountBadges';
import { useFormatVersion } from '../state/settings';
import { HotkeyTargetItem } from '../hotkeys/HotkeyTargetText';

const venueDot = { connected: 'ok', connecting: 'warn', disconnected: 'bad' } as const;

/** Whether the focused instrument's book is live or stale (the venue feed resynchronising), in sight whatever panel is on screen. */
function FocusedBook() {
  const symbol = useMarket((s) => s.focus.symbol);
  const state = useMarket((s) => (s.book === null ? 'none' : s.book.stale ? 'stale' : 'live'));
  if (state === 'stale') {
    return (
      <span className="item" title={`The ${symbol} book may be out of date: the venue feed is resynchronising`}>
        <span className="dot warn" />
        {`${symbol} book`} <span className="stale-on">STALE</span>
      </span>
    );
  }
  return (
    <span className="item">
      <span className={`dot ${state === 'live' ? 'ok' : ''}`} />
      {`${symbol} book`} <span className="value">{state === 'live' ? 'live' : '—'}</span>
    </span>
  );
}

/** The whole story of one venue on hover: its state, why it is down, its last round trip. */
function venueTitle(v: VenueStatus, connected: boolean): string {
  if (!connected) return `${v.venue}: last known ${v.state} (the bridge is down)`;
  const parts = [`${v.venue}: ${v.state}`];
  if (v.account) parts.push(`${v.account.venue}, ${v.account.environment}${v.account.customEndpoints ? ', custom endpoints' : ''}`);
  if (v.latencyMs !== undefined) parts.push(`round trip ${latencyText(v.latencyMs)}`);
  if (v.reason) parts.push(v.reason);
  return parts.join(' · ');
}

/** Engine time ticking every second from the offset measured by ping (the engine clock, not ours). */
function useEngineNow(): number | null {
  const offset = useSession((s) => s.engineOffsetMs);
  const fallback = useSession((s) => s.status?.engineTime ?? null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (offset !== null) return now + offset;
  return fallback;
}

export function StatusBar() {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const connected = useSession((s) => s.connected);
  const status = useSession((s) => s.status);
  const latency = useSession((s) => s.latencyMs);
  const lastError = useSession((s) => s.lastError);
  const kill = useAccount((s) => s.kill);
  const engineNow = useEngineNow();

  return (
    <footer className="statusbar">
      <span className="item">
        <span className={`dot ${connected ? 'ok' : 'bad'}`} />
        <span>
          Bridge <span className="value">{connected ? (status?.mode ?? 'connected') : 'disconnected'}</span>
        </span>
      </span>
      {(status?.venues ?? []).map((v) => (
        // Without the bridge a venue's state is unknown: the last one heard is not shown as current.
        <span className="item venue" key={v.venue} title={venueTitle(v, connected)}>
          <span className={`dot ${connected ? venueDot[v.state] : ''}`} />
          <span className="value">{v.venue}</span>
          <AccountBadges venue={v.venue} />
          <span className={v.state === 'disconnected' && connected ? 'venue-down' : ''}>{connected ? v.state : 'unknown'}</span>
          {connected && v.state === 'connected' && v.latencyMs !== undefined && <span className="value num">{latencyText(v.latencyMs)}</span>}
          {connected && v.state !== 'connected' && v.reason && <span className="venue-reason">{v.reason}</span>}
        </span>
      ))}
      <FocusedBook />
      <HotkeyTargetItem />
      <span className="item">
        Bridge RTT <span className="value num">{latencyText(latency)}</span>
      </span>
      <span className="item">
        Engine <span className="value num">{connected && engineNow !== null ? `${timeText(engineNow)} ${zoneText(engineNow)}` : '—'}</span>
      </span>
      <span className="item">
        Kill{' '}
        {kill === null ? <span className="value">—</span> : kill.engaged ? <span className="kill-on">ENGAGED</span> : <span className="value">off</span>}
      </span>
      {lastError && <span className="error" title={lastError}>{lastError}</span>}
    </footer>
  );
}
