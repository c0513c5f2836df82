import type { DockviewApi, Direction } from 'dockview';
import { panelEntry } from './registry';

export type PresetName = 'Trading' | 'Options' | 'Algos' | 'Risk';
export const PRESETS: readonly PresetName[] = ['Trading', 'Options', 'Algos', 'Risk'];

/** One panel of a preset: beside or inside (`within`) a panel placed before it. */
interface Place {
  id: string;
  /** Omitted for the first panel. `within` = a tab of that panel's group. */
  of?: string;
  dir?: Direction;
  /** Share of the workspace's width or height the new group takes (the side it splits along). */
  share?: number;
  /** A tab added behind the others (the group keeps showing its first panel). */
  behind?: boolean;
}

/**
 * What a trader expects on screen for each kind of work, as placements in order:
 * - Trading: today's screen; market on top (book, chart, depth over analytics, ticket over tape),
 *   account below (orders, positions over balances, fills); risk, options and accounts behind tabs.
 * - Options: the chain across the top with the smile, strategy builder and ticket beside it; positions,
 *   Greeks and orders below.
 * - Algos: execution monitoring; book, chart and tape to watch the market, orders and fills large,
 *   the ticket, analytics and signals beside them.
 * - Risk: limits, breakers and the kill switch across the whole width (their columns need it); positions,
 *   Greeks, balances (accounts behind) and fills (orders behind) below.
 */
const PLACES: Record<PresetName, Place[]> = {
  Trading: [
    { id: 'book' },
    { id: 'orders', of: 'book', dir: 'below', share: 0.36 },
    { id: 'chart', of: 'book', dir: 'right', share: 0.8 },
    { id: 'depth', of: 'chart', dir: 'right', share: 0.46 },
    { id: 'ticket', of: 'depth', dir: 'right', share: 0.22 },
    { id: 'analytics', of: 'depth', dir: 'below', share: 0.3 },
    { id: 'tape', of: 'ticket', dir: 'below', share: 0.15 },
    { id: 'watchlist', of: 'tape', dir: 'within', behind: true },
    { id: 'positions', of: 'orders', dir: 'right', share: 0.5 },
    { id: 'fills', of: 'positions', dir: 'right', share: 0.22 },
    { id: 'balances', of: 'positions', dir: 'below', share: 0.16 },
    // The orders group's tab strip is full at 1280 px: algos sit behind positions, alerts behind fills.
    { id: 'algos', of: 'positions', dir: 'within', behind: true },
    { id: 'alerts', of: 'fills', dir: 'within', behind: true },
    ...['risk', 'gtt', 'chain', 'strategy', 'smile', 'accounts', 'greeks', 'sentiment', 'signals'].map((id) => ({ id, of: 'orders', dir: 'within' as const, behind: true })),
  ],
  Options: [
    { id: 'chain' },
    { id: 'positions', of: 'chain', dir: 'below', share: 0.34 },
    { id: 'smile', of: 'chain', dir: 'right', share: 0.42 },
    { id: 'strategy', of: 'smile', dir: 'within', behind: true },
    { id: 'ticket', of: 'smile', dir: 'right', share: 0.2 },
    { id: 'greeks', of: 'positions', dir: 'right', share: 0.6 },
    { id: 'orders', of: 'greeks', dir: 'right', share: 0.3 },
    { id: 'fills', of: 'orders', dir: 'within', behind: true },
  ],
  Algos: [
    { id: 'orders' },
    { id: 'algos', of: 'orders', dir: 'within' },
    { id: 'book', of: 'orders', dir: 'above', share: 0.5 },
    { id: 'chart', of: 'book', dir: 'right', share: 0.78 },
    { id: 'tape', of: 'chart', dir: 'right', share: 0.2 },
    { id: 'fills', of: 'orders', dir: 'right', share: 0.45 },
    { id: 'ticket', of: 'fills', dir: 'right', share: 0.22 },
    { id: 'analytics', of: 'fills', dir: 'within', behind: true },
    { id: 'signals', of: 'fills', dir: 'within', behind: true },
    { id: 'positions', of: 'orders', dir: 'within', behind: true },
  ],
  Risk: [
    { id: 'risk' },
    { id: 'positions', of: 'risk', dir: 'below', share: 0.4 },
    { id: 'greeks', of: 'positions', dir: 'right', share: 0.7 },
    { id: 'balances', of: 'greeks', dir: 'right', share: 0.45 },
    { id: 'accounts', of: 'balances', dir: 'within', behind: true },
    { id: 'fills', of: 'balances', dir: 'right', share: 0.25 },
    { id: 'orders', of: 'fills', dir: 'within', behind: true },
  ],
};

/**
 * Replaces the workspace with a preset. `available` says which panels may be shown now (GTT only with a
 * Kite account); a panel not available is left out, and anything placed relative to it is placed
 * relative to the first panel instead.
 */
export function applyPreset(api: DockviewApi, name: PresetName, available: (id: string) => boolean): void {
  api.clear();
  const placed: string[] = [];
  for (const place of PLACES[name]) {
    const entry = panelEntry(place.id);
    if (!entry || !available(entry.id)) continue;
    const ref = place.of !== undefined && placed.includes(place.of) ? place.of : placed[0];
    const dir = place.dir ?? 'within';
    const vertical = dir === 'below' || dir === 'above';
    const size = place.share === undefined ? {} : vertical ? { initialHeight: Math.round(api.height * place.share) } : { initialWidth: Math.round(api.width * place.share) };
    api.addPanel({
      id: entry.id,
      component: entry.id,
      title: entry.title,
      ...(ref !== undefined ? { position: { referencePanel: ref, direction: dir } } : {}),
      ...(place.behind ? { inactive: true } : {}),
      ...size,
    });
    placed.push(entry.id);
  }
}

/**
 * Opens one panel where it belongs: tabbed with a panel of its home if one is open, else at the right or
 * bottom edge. `behind`: added without taking the screen (a tab appearing by itself, GTT when Kite connects).
 */
export function openPanel(api: DockviewApi, id: string, behind = false): void {
  const entry = panelEntry(id);
  if (!entry) return;
  const existing = api.getPanel(id);
  if (existing) {
    existing.api.setActive();
    return;
  }
  const sibling = api.panels.find((p) => panelEntry(p.id)?.home === entry.home);
  const bottom = entry.home === 'orders' || entry.home === 'holdings' || entry.home === 'fills';
  api.addPanel({
    id: entry.id,
    component: entry.id,
    title: entry.title,
    ...(behind && sibling ? { inactive: true } : {}),
    ...(sibling
      ? { position: { referencePanel: sibling.id, direction: 'within' as const } }
      : api.panels.length > 0
        ? { position: { direction: bottom ? ('below' as const) : ('right' as const) } }
        : {}),
  });
}
