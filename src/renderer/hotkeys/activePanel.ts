import { create } from 'zustand';

/**
 * The panel the trader last clicked or moved the keyboard into (a green ETH ladder, the red chart...),
 * as Quantower has an active panel: the hotkeys act on its instrument. It has no imports of panels or
 * the workspace (they import the hotkeys), so the dock tells it titles through the DOM or by call.
 */
interface ActivePanelState {
  panel: string | null;
  /** Its name as the tab shows it ("Order book 2"), for "Hotkeys act on: ... (Order book 2)". */
  title: string | null;
}

export const useActivePanel = create<ActivePanelState>()(() => ({ panel: null, title: null }));

export const activePanel = {
  set(panel: string, title: string): void {
    const s = useActivePanel.getState();
    if (s.panel !== panel || s.title !== title) useActivePanel.setState({ panel, title });
  },
  /** A panel that left the window (closed, popped out): the hotkeys go back to the focus, not to a panel out of sight. */
  clear(panel: string): void {
    if (useActivePanel.getState().panel === panel) useActivePanel.setState({ panel: null, title: null });
  },
};

/** The dock panel an element is in (the dock marks each panel's element with data-panel / data-panel-title). */
export function panelOfElement(target: EventTarget | null): { panel: string; title: string } | null {
  if (!(target instanceof Element)) return null;
  const host = target.closest<HTMLElement>('[data-panel]');
  const panel = host?.dataset.panel;
  if (!host || !panel) return null;
  return { panel, title: host.dataset.panelTitle ?? panel };
}

/** Follows clicks and keyboard focus into panels (capturing, so a panel that stops the event still counts). */
export function trackActivePanel(root: Document): () => void {
  const onEvent = (e: Event) => {
    const hit = panelOfElement(e.target);
    if (hit) activePanel.set(hit.panel, hit.title);
  };
  root.addEventListener('pointerdown', onEvent, true);
  root.addEventListener('focusin', onEvent, true);
  return () => {
    root.removeEventListener('pointerdown', onEvent, true);
    root.removeEventListener('focusin', onEvent, true);
  };
}
