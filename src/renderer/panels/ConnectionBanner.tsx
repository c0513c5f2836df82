import { useSession } from '../state/session';

/** Says plainly when the screen is not live, so stale numbers are never taken for current ones. */
export function ConnectionBanner() {
  const connected = useSession((s) => s.connected);
  const everConnected = useSession((s) => s.everConnected);
  if (connected) return null;
  return (
    <div className="banner conn-banner" role="status">
      {everConnected ? 'Connection to the engine lost — reconnecting… Data on screen may be out of date.' : 'Connecting to the engine…'}
    </div>
  );
}
