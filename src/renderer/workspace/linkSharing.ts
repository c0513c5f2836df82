import type { SharedLinks } from '../../contract/api';
import { bridge } from '../state/bridgeRef';
import { linking, useLinking } from '../state/linking';
import { useMarket } from '../state/market';
import { useSession } from '../state/session';

/**
 * The link groups are the workspace's, not one window's: the main window and every pop-out show the
 * same groups (a popped-out green ETH chart stays green and follows green, changed in either window).
 * Each window shares its groups with the engine after every change of its own; the engine sends them
 * to every view (`links` event) and keeps the latest for a window that opens later. The main window
 * also keeps them in its saved workspace, so they outlive the run.
 */

/** This window among the run's windows: its own shares come back to it and are skipped. */
const windowId = (() => {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `w-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
})();

let applying = false;
/**
 * Connected and in step with the engine's groups: before that a window shares nothing (a pop-out's
 * start-up state, every panel red, must never overwrite the groups the main window shared).
 */
let ready = false;
/** What this window last shared or took from another: a change to the same is not shared again. */
let lastJson = '';
let lastSeq = -1;
let running: (() => void) | null = null;

const currentJson = () => JSON.stringify(linking.snapshot());

/** Another window's groups: taken as they are (their focus becomes this window's focus, the red group). */
function adopt(shared: SharedLinks): void {
  lastSeq = shared.seq;
  if (shared.from === windowId) return;
  if (JSON.stringify(shared.links) !== currentJson()) {
    applying = true;
    try {
      linking.restore(shared.links);
    } finally {
      applying = false;
    }
  }
  lastJson = currentJson();
}

function share(force = false): void {
  if (applying || !ready) return;
  const links = linking.snapshot();
  const json = JSON.stringify(links);
  if (!force && json === lastJson) return;
  lastJson = json;
  void bridge()
    .call('workspace.shareLinks', { links: links as unknown as Record<string, unknown>, from: windowId })
    .then((r) => {
      if (r.ok) lastSeq = r.value.seq;
      else useSession.setState({ lastError: `link groups not shared with the other windows: ${r.error.message}` });
    });
}

/**
 * On every connect: the engine's latest groups if another window shared since (a pop-out takes them at
 * once). `owner` (the main window) shares its own when the engine has none (it restarted, or none yet).
 */
async function sync(owner: boolean): Promise<void> {
  const r = await bridge().call('workspace.links', {});
  if (!r.ok) return;
  ready = true;
  if (r.value === null) {
    if (owner) share(true);
    else {
      // No window shared yet (the main window is still starting): the saved screen's groups until it does.
      const saved = await bridge().call('workspace.load', {});
      const links = saved.ok ? saved.value?.links : undefined;
      if (links !== undefined && lastSeq < 0) adopt({ links: links as Record<string, unknown>, from: 'saved', seq: -1 });
    }
    return;
  }
  if (r.value.seq !== lastSeq) adopt(r.value);
  // What changed here while the bridge was down (a pop-out only once it has the shared groups).
  if (owner || lastJson !== '') share();
}

/**
 * Starts sharing this window's link groups. `owner`: the main window, once its saved workspace is restored
 * (what it shows is the truth it shares); a pop-out is not, and takes the engine's groups first.
 */
export function startLinkSharing(owner: boolean): () => void {
  running?.();
  const offEvent = bridge().on('links', adopt);
  const offLinks = useLinking.subscribe(() => share());
  const offFocus = useMarket.subscribe((m, prev) => {
    if (m.focus !== prev.focus) share();
  });
  let wasConnected = false;
  const onSession = (connected: boolean) => {
    if (connected && !wasConnected) void sync(owner);
    if (!connected) ready = false;
    wasConnected = connected;
  };
  const offSession = useSession.subscribe((s) => onSession(s.connected));
  onSession(useSession.getState().connected);
  const stop = () => {
    offEvent();
    offLinks();
    offFocus();
    offSession();
    ready = false;
    if (running === stop) running = null;
  };
  running = stop;
  return stop;
}
