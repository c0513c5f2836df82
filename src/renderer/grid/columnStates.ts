import type { ColumnState } from 'ag-grid-community';

/**
 * Each grid's columns as the trader left them (order, width, sort, hidden), by grid key. Held here,
 * outside the grids, because a grid unmounts when it has no rows or its tab is hidden and its layout
 * must outlive that; the workspace saves and restores the whole map with the dock's layout.
 */
const states = new Map<string, ColumnState[]>();
let changed: () => void = () => {};

export const columnStates = {
  get(key: string): ColumnState[] | undefined {
    return states.get(key);
  },
  /** A grid's columns changed by the trader (moved, resized, sorted). */
  set(key: string, state: ColumnState[]): void {
    states.set(key, state);
    changed();
  },
  all(): Record<string, ColumnState[]> {
    return Object.fromEntries(states);
  },
  /** A workspace loaded: its grids' columns (grids open now pick them up when they next mount). */
  replace(next: Record<string, unknown>): void {
    states.clear();
    for (const [key, state] of Object.entries(next)) if (Array.isArray(state)) states.set(key, state as ColumnState[]);
  },
  onChange(listener: () => void): void {
    changed = listener;
  },
};
