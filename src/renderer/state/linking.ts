import { create } from 'zustand';
import { type Focus, market, useMarket } from './market';

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
