import type { ColumnState } from 'ag-grid-community';
import { columnStates } from '../grid/columnStates';
import type { DockviewApi, SerializedDockview } from 'dockview';
import { create } from 'zustand';
import type { WorkspaceLayout, WorkspaceSummary } from '../../contract/api';
import { activePanel } from '../hotkeys/activePanel';
import { bridge } from '../state/bridgeRef';
import { chartTimeframes, useChartTimeframes } from '../state/chartTimeframes';
import { linking, type LinkingSnapshot, useLinking } from '../state/linking';
import { useMarket } from '../state/market';
import { useSession } from '../state/session';
import { startLinkSharing } from './linkSharing';
import { panelsInOtherWindows, poppedOutFromHere } from './popoutPresence';
import { applyPreset, openPanel, type PresetName } from './presets';
import { isInstanceId, nextInstanceId, panelEntry, PANEL_ID } from './registry';

/**
 * What a saved workspace holds: the dock's layout, each grid's columns (order, width, sort), the zoom, and
 * (since linking) each panel's link group with the groups' instruments. Saved before linking: every panel red.
 */
export interface WorkspaceSnapshot {
  version: 1;
  dock: SerializedDockview;
  grids: Record<string, ColumnState[]>;
  zoom: number;
  links?: LinkingSnapshot;
  /** Each chart's own timeframe, by panel (only those off 1m); saved before charts kept their own: all on 1m. */
  chartTimeframes?: Record<string, string>;
}

interface WorkspaceState {
  /** Ids of the panels open in the dock now (the Panels menu's checks). */
  open: string[];
  saved: WorkspaceSummary[];
  /** The named workspace loaded or saved last, or the preset applied last. */
  active: string | null;
  /** Panels whose entry is available now (GTT with a Kite account). */
  available: Record<string, boolean>;
  zoom: number;
}

export const useWorkspace = create<WorkspaceState>()(() => ({ open: [], saved: [], active: null, available: {}, zoom: 1 }));

let api: DockviewApi | null = null;
/** Until the stored screen was restored (or found absent), layout changes are the start-up's, not the trader's. */
let restored = false;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
let linkingSaves: (() => void) | undefined;
let stopLinkSharing: (() => void) | undefined;
/**
 * Panels popped out this run: a popped-out second chart keeps its id and link group in its window, so
 * its link is not forgotten when it leaves the dock. Which numbers a new chart may take is the engine's
 * list of panels open in pop-outs (popoutPresence.ts: it outlives a reload here; a closed pop-out frees its
 * number); this set stands in for it only when the engine does not answer.
 */
const poppedOut = new Set<string>();

/** A panel with a condition (GTT) is shown only once its condition was seen true; others always. */
const isAvailable = (id: string): boolean => (panelEntry(id)?.useAvailable ? useWorkspace.getState().available[id] === true : panelEntry(id) !== undefined);

function snapshot(dock: DockviewApi): WorkspaceSnapshot {
  return { version: 1, dock: dock.toJSON(), grids: columnStates.all(), zoom: useWorkspace.getState().zoom, links: linking.snapshot(), chartTimeframes: chartTimeframes.snapshot() };
}

function refreshOpen(dock: DockviewApi): void {
  useWorkspace.setState({ open: dock.panels.map((p) => p.id) });
}

function failed(what: string, message: string): void {
  useSession.setState({ lastError: `${what}: ${message}` });
}

/** Keeps the screen as the trader leaves it, half a second after the last change (a drag is many changes). */
function scheduleSave(): void {
  if (!restored || !api) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(saveNow, 500);
}

function saveNow(): void {
  saveTimer = undefined;
  if (!api) return;
  void bridge()
    .call('workspace.save', { layout: snapshot(api) as unknown as WorkspaceLayout })
    .then((reply) => {
      if (!reply.ok) failed('workspace not kept', reply.error.message);
    });
}

// Closing or reloading the window right after a change still keeps it: the pending save goes now
// (the bridge sends at once; the reply is not needed).
addEventListener('pagehide', () => {
  if (saveTimer !== undefined) {
    clearTimeout(saveTimer);
    saveNow();
  }
});

/** A stored layout, checked before the dock is handed it: an unknown panel or a damaged one falls back to the preset. */
function asSnapshot(layout: WorkspaceLayout | null): WorkspaceSnapshot | null {
  if (layout === null || layout.version !== 1 || typeof layout.dock !== 'object' || layout.dock === null) return null;
  const s = layout as unknown as WorkspaceSnapshot;
  const panels = (s.dock as { panels?: Record<string, { contentComponent?: string }> }).panels ?? {};
  // A layout naming a panel this build does not have (a newer build saved it) is not half-restored: the preset stays.
  for (const [id, p] of Object.entries(panels)) if (!panelEntry(p.contentComponent ?? id)) return null;
  return s;
}

function restore(dock: DockviewApi, s: WorkspaceSnapshot): boolean {
  try {
    columnStates.replace(s.grids ?? {});
    dock.fromJSON(s.dock);
    setZoom(typeof s.zoom === 'number' ? s.zoom : 1);
    linking.restore(s.links);
    chartTimeframes.restore(s.chartTimeframes);
    // Panels that are not available now (GTT without Kite) go; they come back with their account.
    for (const p of [...dock.panels]) if (!isAvailable(p.id)) p.api.close();
    return true;
  } catch (error) {
    failed('workspace not restored', error instanceof Error ? error.message : String(error));
    return false;
  }
}

/** Resolves once the bridge is up (at once if it is). */
function connected(): Promise<void> {
  if (useSession.getState().connected) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = useSession.subscribe((s) => {
      if (!s.connected) return;
      stop();
      resolve();
    });
  });
}

function setZoom(zoom: number): void {
  const z = Math.min(2, Math.max(0.5, Math.round(zoom * 10) / 10));
  useWorkspace.setState({ zoom: z });
  // The whole page, as the browser's own zoom would: dockview measures in the same zoomed space.
  document.documentElement.style.zoom = z === 1 ? '' : String(z);
}

/** Adds a new instance of `base` with the lowest number free here and in every pop-out window (`elsewhere`). */
function addInstanceNumbered(base: string, elsewhere: readonly string[]): void {
  // Numbered now, after the engine's answer: the dock as it is at this moment (a second click added its own).
  if (!api) return;
  const id = nextInstanceId(base, [...api.panels.map((p) => p.id), ...elsewhere]);
  if (id === undefined) return failed('panel not added', `no more ${panelEntry(base)?.title ?? base} panels can be opened`);
  // In the dock now (a closed pop-out's number reused): closing it here forgets its link as for any new panel.
  poppedOut.delete(id);
  linking.forget(id);
  // A new chart opens on 1m (the default), whatever a closed chart of that id drew.
  chartTimeframes.forget(id);
  const entry = panelEntry(id)!;
  // Beside the last of its kind, so both are in sight: a chart below the chart, a ladder (tall) to its right.
  const last = [...api.panels].reverse().find((p) => p.id === base || p.id.startsWith(`${base}-`));
  api.addPanel({
    id,
    component: id,
    title: entry.title,
    ...(last ? { position: { referencePanel: last.id, direction: base === 'chart' ? ('below' as const) : ('right' as const) } } : { position: { direction: 'right' as const } }),
  });
  refreshOpen(api);
}

export const workspace = {
  /** The dock is up: restore the screen as last left, or lay out the Trading preset. */
  async attach(dock: DockviewApi): Promise<void> {
    api = dock;
    restored = false;
    columnStates.onChange(scheduleSave);
    dock.onDidLayoutChange(() => {
      refreshOpen(dock);
      scheduleSave();
    });
    // A closed second chart or ladder is gone for good: its link goes with it (a new one starts red).
    dock.onDidRemovePanel((p) => {
      if (isInstanceId(p.id) && !poppedOut.has(p.id)) {
        linking.forget(p.id);
        chartTimeframes.forget(p.id);
      }
      activePanel.clear(p.id);
    });
    // A tab the trader clicks (or a panel just added) is the active panel: the hotkeys act on its instrument.
    // Only the trader's gestures count (not the start-up laying the screen out, nor a panel closing).
    dock.onDidActivePanelChange(({ panel, origin }) => {
      if (origin === 'user' && panel) activePanel.set(panel.id, panelEntry(panel.id)?.title ?? panel.id);
    });
    // A panel moved to another group, or a group's instrument picked, is kept like a layout change.
    linkingSaves?.();
    const offLinks = useLinking.subscribe(scheduleSave);
    const offTimeframes = useChartTimeframes.subscribe(scheduleSave);
    // The focus is kept with the links (it is the focus group's instrument).
    const offFocus = useMarket.subscribe((m, prev) => m.focus !== prev.focus && scheduleSave());
    linkingSaves = () => {
      offLinks();
      offTimeframes();
      offFocus();
    };
    applyPreset(dock, 'Trading', isAvailable);
    useWorkspace.setState({ active: 'Trading' });
    refreshOpen(dock);
    // The bridge may still be connecting (a served UI's WebSocket): the stored screen is asked for once it is up.
    await connected();
    if (api !== dock) return;
    const [current, list] = await Promise.all([bridge().call('workspace.load', {}), bridge().call('workspace.list', {})]);
    if (api !== dock) return;
    if (list.ok) useWorkspace.setState({ saved: list.value.saved, active: list.value.active ?? 'Trading' });
    const s = current.ok ? asSnapshot(current.value) : null;
    if (s) restore(dock, s);
    refreshOpen(dock);
    restored = true;
    // What this window shows now is what it shares with its pop-outs (and takes theirs from then on).
    stopLinkSharing?.();
    stopLinkSharing = startLinkSharing(true);
  },
  detach(dock: DockviewApi): void {
    if (api !== dock) return;
    api = null;
    stopLinkSharing?.();
    stopLinkSharing = undefined;
  },
  preset(name: PresetName): void {
    if (!api) return;
    applyPreset(api, name, isAvailable);
    useWorkspace.setState({ active: name });
    refreshOpen(api);
    scheduleSave();
  },
  /** Opens one more instance of a panel (Chart 2, Order book 3...) beside the others of its kind, in the focus group. */
  addInstance(base: string): void {
    if (!api) return;
    // Past the panels open in pop-out windows (the engine knows them, even after this window reloaded).
    void panelsInOtherWindows(poppedOut).then((elsewhere) => addInstanceNumbered(base, elsewhere));
  },
  toggle(id: string): void {
    if (!api) return;
    const panel = api.getPanel(id);
    if (panel) panel.api.close();
    else openPanel(api, id);
    refreshOpen(api);
  },
  async save(name: string): Promise<boolean> {
    if (!api) return false;
    const reply = await bridge().call('workspace.save', { name, layout: snapshot(api) as unknown as WorkspaceLayout });
    if (!reply.ok) {
      failed('workspace not saved', reply.error.message);
      return false;
    }
    useWorkspace.setState({ saved: reply.value.saved, active: reply.value.active ?? name });
    return true;
  },
  async load(name: string): Promise<void> {
    if (!api) return;
    const reply = await bridge().call('workspace.load', { name });
    if (!reply.ok) return failed('workspace not loaded', reply.error.message);
    const s = asSnapshot(reply.value);
    if (!s) return failed('workspace not loaded', `"${name}" holds a panel this version does not have`);
    if (restore(api, s)) {
      useWorkspace.setState({ active: name });
      refreshOpen(api);
      scheduleSave();
    }
  },
  async remove(name: string): Promise<void> {
    const reply = await bridge().call('workspace.delete', { name });
    if (!reply.ok) return failed('workspace not deleted', reply.error.message);
    useWorkspace.setState({ saved: reply.value.saved, active: useWorkspace.getState().active === name ? null : useWorkspace.getState().active });
  },
  /** A panel that can be shown or not (GTT): shown in its home when it becomes available, closed when it stops. */
  setAvailable(id: string, on: boolean): void {
    if (useWorkspace.getState().available[id] === on) return;
    useWorkspace.setState((s) => ({ available: { ...s.available, [id]: on } }));
    if (!api) return;
    const panel = api.getPanel(id);
    if (!on && panel) panel.api.close();
    // Opened behind: a tab appearing by itself must not hide what the trader was looking at.
    if (on && !panel) openPanel(api, id, true);
    refreshOpen(api);
  },
  /** Floats a panel over the workspace, or docks a floating one back beside a panel of its home (else at the right). */
  float(id: string, on: boolean): void {
    if (!api) return;
    const panel = api.getPanel(id);
    if (!panel) return;
    if (on) {
      const w = Math.min(640, Math.round(api.width * 0.45));
      const h = Math.min(480, Math.round(api.height * 0.6));
      api.addFloatingGroup(panel, { x: Math.round((api.width - w) / 2), y: Math.round((api.height - h) / 3), width: w, height: h });
      return;
    }
    const home = panelEntry(id)?.home;
    const sibling = api.panels.find((p) => p.id !== id && p.api.group.api.location.type === 'grid' && panelEntry(p.id)?.home === home);
    const anyDocked = api.groups.find((g) => g.api.location.type === 'grid');
    if (sibling) panel.api.moveTo({ group: sibling.api.group, position: 'center' });
    else if (anyDocked) panel.api.moveTo({ group: anyDocked, position: 'right' });
  },
  /** Into its own window (Electron) or browser tab (headless), on the same session: see popout.ts. */
  popOut(id: string): void {
    if (!PANEL_ID.test(id)) return;
    const url = new URL(location.href);
    url.searchParams.set('panel', id);
    // The focus (the red group's instrument) is the new window's until it has the shared link groups: the panel
    // keeps its group there, and a green chart shows green's instrument (workspace/linkSharing.ts).
    const { focus } = useMarket.getState();
    url.searchParams.set('venue', focus.venue);
    url.searchParams.set('symbol', focus.symbol);
    // A chart keeps its own timeframe in its new window.
    const timeframe = chartTimeframes.snapshot()[id];
    if (timeframe !== undefined) url.searchParams.set('timeframe', timeframe);
    poppedOut.add(id);
    poppedOutFromHere(id);
    window.open(url.toString(), `sq-panel-${id}`);
    // The panel moves: it is in the other window now (reopen from the Panels menu to have it in both).
    api?.getPanel(id)?.api.close();
    if (api) refreshOpen(api);
  },
  zoom(step: number): void {
    setZoom(useWorkspace.getState().zoom + step);
    scheduleSave();
  },
};
