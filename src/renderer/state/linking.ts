import { create } from 'zustand';
import { type Focus, findInstrument, market, useMarket } from './market';

/**
 * Instrument linking by colour group, as Quantower does: panels in one group follow the group's
 * instrument; a panel in no group keeps its own. The first group's instrument IS the market focus
 * (state/market.ts), so with every panel in it (the default) the terminal behaves exactly as before.
 * Other groups hold their own instrument here.
 */
export const LINK_GROUPS = [
  { id: 'red', name: 'Red', colour: '#e5484d' },
  { id: 'green', name: 'Green', colour: '#30a46c' },
  { id: 'blue', name: 'Blue', colour: '#3e63dd' },
  { id: 'yellow', name: 'Yellow', colour: '#f5d90a' },
] as const;
export type LinkGroup = (typeof LINK_GROUPS)[number]['id'];
export const FOCUS_GROUP: LinkGroup = 'red';

interface LinkingState {
  /** Panels not in the focus group: their group, or null for "no group". */
  groupOf: Record<string, LinkGroup | null>;
  /** The instruments of the groups other than the focus group. */
  groups: Partial<Record<LinkGroup, Focus>>;
  /** The instruments of panels in no group. */
  own: Record<string, Focus>;
}

export const useLinking = create<LinkingState>()(() => ({ groupOf: {}, groups: {}, own: {} }));

export function groupOfPanel(s: LinkingState, panel: string): LinkGroup | null {
  return panel in s.groupOf ? s.groupOf[panel]! : FOCUS_GROUP;
}

/** The instrument a panel shows, given the linking state and the market focus. */
export function panelInstrument(s: LinkingState, focus: Focus, panel: string): Focus {
  const group = groupOfPanel(s, panel);
  if (group === null) return s.own[panel] ?? focus;
  if (group === FOCUS_GROUP) return focus;
  return s.groups[group] ?? focus;
}

/** What a saved workspace keeps of linking: every panel's group, every group's instrument (the focus's too). */
export interface LinkingSnapshot {
  groupOf: Record<string, LinkGroup | null>;
  groups: Partial<Record<LinkGroup, Focus>>;
  own: Record<string, Focus>;
  focus?: Focus;
}

const GROUP_IDS: readonly string[] = LINK_GROUPS.map((g) => g.id);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const asFocus = (v: unknown): Focus | undefined =>
  isRecord(v) && typeof v.venue === 'string' && typeof v.symbol === 'string' && v.venue.length <= 64 && v.symbol.length <= 64 ? { venue: v.venue, symbol: v.symbol } : undefined;

/** A stored snapshot, checked field by field: what is malformed is dropped (that panel goes back to the focus group). */
export function readLinkingSnapshot(raw: unknown): LinkingSnapshot {
  const out: LinkingSnapshot = { groupOf: {}, groups: {}, own: {} };
  if (!isRecord(raw)) return out;
  if (isRecord(raw.groupOf)) {
    for (const [panel, g] of Object.entries(raw.groupOf)) {
      if (g === null) out.groupOf[panel] = null;
      else if (typeof g === 'string' && GROUP_IDS.includes(g) && g !== FOCUS_GROUP) out.groupOf[panel] = g as LinkGroup;
    }
  }
  if (isRecord(raw.groups)) {
    for (const [g, v] of Object.entries(raw.groups)) {
      const f = asFocus(v);
      if (f && GROUP_IDS.includes(g) && g !== FOCUS_GROUP) out.groups[g as LinkGroup] = f;
    }
  }
  if (isRecord(raw.own)) {
    for (const [panel, v] of Object.entries(raw.own)) {
      const f = asFocus(v);
      if (f && out.groupOf[panel] === null) out.own[panel] = f;
    }
  }
  // A panel in no group without its own instrument would have nothing to show: it follows the focus again.
  for (const [panel, g] of Object.entries(out.groupOf)) if (g === null && !out.own[panel]) delete out.groupOf[panel];
  const focus = asFocus(raw.focus);
  if (focus) out.focus = focus;
  return out;
}

export const linking = {
  /** Moves a panel to a group (or none): a panel leaving every group keeps what it showed. */
  setGroup(panel: string, group: LinkGroup | null): void {
    const s = useLinking.getState();
    const shown = panelInstrument(s, useMarket.getState().focus, panel);
    const groupOf = { ...s.groupOf };
    if (group === FOCUS_GROUP) delete groupOf[panel];
    else groupOf[panel] = group;
    const own = { ...s.own };
    if (group === null) own[panel] = shown;
    else delete own[panel];
    // A group nobody used yet starts on the instrument the panel showed.
    const groups = group !== null && group !== FOCUS_GROUP && !s.groups[group] ? { ...s.groups, [group]: shown } : s.groups;
    useLinking.setState({ groupOf, own, groups });
  },
  /** For the saved workspace. */
  snapshot(): LinkingSnapshot {
    const { groupOf, groups, own } = useLinking.getState();
    return { groupOf, groups, own, focus: useMarket.getState().focus };
  },
  /** A saved workspace's links (none saved: every panel in the focus group); its focus becomes the market focus. */
  restore(raw: unknown): void {
    const s = readLinkingSnapshot(raw);
    useLinking.setState({ groupOf: s.groupOf, groups: s.groups, own: s.own });
    // An instrument this terminal no longer lists (its account went) is not focused; before the list loads, the
    // list's arrival moves a focus nobody serves to the first instrument anyway (state/sync.ts).
    const { instruments } = useMarket.getState();
    if (s.focus && (instruments.length === 0 || findInstrument(instruments, s.focus.venue, s.focus.symbol))) market.setFocus(s.focus);
  },
  /** A panel that is gone for good (a closed second chart): its link goes (the group keeps its instrument). */
  forget(panel: string): void {
    const s = useLinking.getState();
    if (!(panel in s.groupOf) && !(panel in s.own)) return;
    const groupOf = { ...s.groupOf };
    const own = { ...s.own };
    delete groupOf[panel];
    delete own[panel];
    useLinking.setState({ groupOf, own });
  },
  /** The panel picked an instrument: its whole group follows (the focus group through the market focus). */
  setInstrument(panel: string, focus: Focus): void {
    const s = useLinking.getState();
    const group = groupOfPanel(s, panel);
    if (group === FOCUS_GROUP) market.setFocus(focus);
    else if (group === null) useLinking.setState({ own: { ...s.own, [panel]: focus } });
    else useLinking.setState({ groups: { ...s.groups, [group]: focus } });
  },
};

/** The instrument a panel shows; re-renders when it changes. */
export function usePanelInstrument(panel: string): Focus {
  const focus = useMarket((s) => s.focus);
  const s = useLinking();
  return panelInstrument(s, focus, panel);
}

export function usePanelGroup(panel: string): LinkGroup | null {
  return useLinking((s) => groupOfPanel(s, panel));
}
