import { create } from 'zustand';
import type { AnalyticsView } from '../../contract/api';
import { appendHistory, emptyHistory, type History, isNewer } from '../view/analytics';

interface AnalyticsState {
  /** The focused instrument's latest measures; null until the engine sends any. */
  latest: AnalyticsView | null;
  /** The last ~120 values of each measure, for the sparklines. */
  history: History;
}

export const useAnalytics = create<AnalyticsState>()(() => ({ latest: null, history: emptyHistory() }));

export const analytics = {
  /** A different instrument (or a reconnect): its history is not comparable, start over. */
  reset(): void {
    useAnalytics.setState({ latest: null, history: emptyHistory() });
  },
  /** One update of the focused instrument (the caller checks the focus); a repeat is ignored. */
  apply(view: AnalyticsView): void {
    const { latest, history } = useAnalytics.getState();
    if (!isNewer(view, latest)) return;
    const sameInstrument = latest !== null && latest.venue === view.venue && latest.symbol === view.symbol;
    useAnalytics.setState({ latest: view, history: appendHistory(sameInstrument ? history : emptyHistory(), view) });
  },
};
