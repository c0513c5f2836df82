import type { MarketCalendar } from './calendar';
import type { FreezeLimits } from './freezeLimits';
import { loadFreezeLimits } from './freezeLimitsFile';
import { loadMarketCalendar } from './holidayFile';

export interface KiteRuleData {
  calendar: MarketCalendar;
  freezeLimits: FreezeLimits;
  /** What was wrong with or missing from the trader's files, to log and show; never fatal. */
  problems: string[];
}

/** The calendar and freeze limits from the data directory, for an adapter to hold and refresh daily. */
export function loadKiteRuleData(dataDir: string): KiteRuleData {
  const { calendar, problems: holidayProblems } = loadMarketCalendar(dataDir);
  const { limits, problems: freezeProblems } = loadFreezeLimits(dataDir);
  return { calendar, freezeLimits: limits, problems: [...holidayProblems.map((p) => `${p.where}: ${p.reason}`), ...freezeProblems] };
}
