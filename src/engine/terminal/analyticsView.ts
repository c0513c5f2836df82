import type { AnalyticsValues } from '../analytics';

// AnalyticsValues is defined beside the estimators that compute it (analytics/analyticsValues.ts);
// re-exported here with the view that carries it.
export type { AnalyticsValues };

export interface AnalyticsView extends AnalyticsValues {
  venue: string;
  symbol: string;
  ts: number;
}
