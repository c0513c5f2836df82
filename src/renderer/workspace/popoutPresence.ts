import { bridge } from '../state/bridgeRef';
import { useSession } from '../state/session';

/**
 * Which panels are open in pop-out windows of this run. The engine keeps it (each pop-out tells it its panel
 * on every connect; a window that goes away drops it with its session), because the main window forgets what
 * it popped out when it reloads: a new chart must never take the number of a chart still open in a pop-out
 * (it would take that chart's link group and turn the pop-out red).
 */

/**
 * Popped out from this window and not yet seen in the engine's list (the new window is still opening): taken
 * too, so a chart added at once does not take the number. Seen once, the engine's list rules (a closed window frees it).
 */
const pending = new Set<string>();

/** The main window popped `id` out: its number stays taken until the engine has heard from its window. */
export function poppedOutFromHere(id: string): void {
  pending.add(id);
}

/**
 * Panels open in other windows now, as the engine knows them, plus the ones popped out from here on their way;
 * `fallback` (what this window popped out this run) when the engine does not answer: a number is skipped, never shared.
 */
export async function panelsInOtherWindows(fallback: Iterable<string>): Promise<string[]> {
  const reply = await bridge().call('workspace.popouts', {});
  if (!reply.ok) return [...fallback, ...pending];
  for (const id of reply.value.panels) pending.delete(id);
  return [...reply.value.panels, ...pending];
}

/** A pop-out window: tells the engine which panel it shows, now and after every reconnect (a restarted host forgot). */
export function announcePopout(panel: string): () => void {
  let wasConnected = false;
  const onSession = (connected: boolean) => {
    if (connected && !wasConnected) {
      void bridge()
        .call('workspace.popout', { panel })
        .then((r) => {
          if (!r.ok) useSession.setState({ lastError: `the main window may not know this pop-out is open: ${r.error.message}` });
        });
    }
    wasConnected = connected;
  };
  const off = useSession.subscribe((s) => onSession(s.connected));
  onSession(useSession.getState().connected);
  return off;
}
