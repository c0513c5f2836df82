import { create } from 'zustand';
import type { Timeframe } from '../../contract/api';
import { timeframes } from '../../contract/schemas';

/** What a chart opens on: a new chart (Panels ▾ "New chart") and every chart of a workspace saved before charts kept their own. */
export const DEFAULT_TIMEFRAME: Timeframe = '1m';

/**
 * Each chart's own timeframe, by panel instance (`chart`, `chart-2`...): a 1m and a 1h chart of one instrument
 * side by side, as TradingView and Quantower allow. A chart not named here is on DEFAULT_TIMEFRAME. Kept with the
 * workspace beside the link groups (workspace/workspaceState.ts).
 */
export const useChartTimeframes = create<{ byPanel: Record<string, Timeframe> }>()(() => ({ byPanel: {} }));

const isTimeframe = (v: unknown): v is Timeframe => typeof v === 'string' && (timeframes as readonly string[]).includes(v);
/** Panel ids are short registry ids (`chart-3`); anything else in a stored workspace is not ours. */
const PANEL = /^[a-z][a-z0-9-]{0,40}$/;

/** The chart's timeframe now. */
export function chartTimeframe(panel: string): Timeframe {
  return useChartTimeframes.getState().byPanel[panel] ?? DEFAULT_TIMEFRAME;
}

/** The chart's timeframe; re-renders when it changes. */
export function useChartTimeframe(panel: string): Timeframe {
  return useChartTimeframes((s) => s.byPanel[panel] ?? DEFAULT_TIMEFRAME);
}

/** A stored map, checked entry by entry: an unknown timeframe or a malformed panel id is dropped (that chart opens on the default). */
export function readChartTimeframes(raw: unknown): Record<string, Timeframe> {
  const out: Record<string, Timeframe> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [panel, tf] of Object.entries(raw)) if (PANEL.test(panel) && isTimeframe(tf) && tf !== DEFAULT_TIMEFRAME) out[panel] = tf;
  return out;
}

export const chartTimeframes = {
  set(panel: string, timeframe: Timeframe): void {
    if (chartTimeframe(panel) === timeframe) return;
    const byPanel = { ...useChartTimeframes.getState().byPanel };
    if (timeframe === DEFAULT_TIMEFRAME) delete byPanel[panel];
    else byPanel[panel] = timeframe;
    useChartTimeframes.setState({ byPanel });
  },
  /** For the saved workspace: only the charts off the default. */
  snapshot(): Record<string, Timeframe> {
    return useChartTimeframes.getState().byPanel;
  },
  /** A saved workspace's timeframes (none saved: every chart on the default). */
  restore(raw: unknown): void {
    useChartTimeframes.setState({ byPanel: readChartTimeframes(raw) });
  },
  /** A chart that is gone for good (a closed second chart): a new one of that id starts on the default. */
  forget(panel: string): void {
    const { byPanel } = useChartTimeframes.getState();
    if (!(panel in byPanel)) return;
    const next = { ...byPanel };
    delete next[panel];
    useChartTimeframes.setState({ byPanel: next });
  },
};
