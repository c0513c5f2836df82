import { silentLogger, type Logger } from '../core';
import type { Store } from '../storage';

const DAY_MS = 86_400_000;
const SETTING_KEY = 'risk.dailyPnl';

/** An amount of one currency at a scale: units * 10^-decimals. */
export interface ScaledAmount {
  units: number;
  decimals: number;
}

/** Today's P&L of one quote currency against its limit. */
export interface DailyLossStatus {
  currency: string;
  /** Scale of the amounts below: the finest QuoteUnits of that currency's instruments. */
  decimals: number;
  /** When the current trading day began (the last reset time at or before now). */
  dayStart: number;
  /** P&L since dayStart (realised - fees + change in unrealised), signed. */
  pnl: number;
  /** max(0, -pnl). */
  loss: number;
  limit: number | undefined;
  /** loss > limit: at the limit is still allowed. */
  breached: boolean;
}

interface Saved {
  dayStart: number;
  baselines: Record<string, ScaledAmount>;
}

/** The most recent reset at or before `now`, with the reset `minuteOfDay` minutes after 00:00 UTC. */
export function tradingDayStart(now: number, minuteOfDay: number): number {
  const offset = minuteOfDay * 60_000;
  return Math.floor((now - offset) / DAY_MS) * DAY_MS + offset;
}

/**
 * Daily P&L by baseline: at the first look of each trading day the total P&L of every currency is
 * remembered, and today's P&L is the total now minus that. The baseline is stored, so a restart in
 * the middle of the day does not forgive the losses made before it. (The very first run counts from
 * its first look: history before risk existed is not today's loss.)
 */
export class DailyLoss {
  private saved: Saved;

  constructor(
    private readonly store: Store | undefined,
    private readonly logger: Logger = silentLogger,
  ) {
    this.saved = this.load();
  }

  evaluate(
    now: number,
    minuteOfDay: number,
    totals: ReadonlyMap<string, ScaledAmount>,
    limits: ReadonlyMap<string, ScaledAmount>,
  ): DailyLossStatus[] {
    const dayStart = tradingDayStart(now, minuteOfDay);
    let changed = false;
    if (this.saved.dayStart !== dayStart) {
      this.saved = { dayStart, baselines: {} };
      changed = true;
    }
    const out: DailyLossStatus[] = [];
    for (const [currency, total] of totals) {
      let base = this.saved.baselines[currency];
      if (!base) {
        base = this.saved.baselines[currency] = { ...total };
        changed = true;
      }
      const pnl = total.units - rescale(base, total.decimals, Math.ceil);
      const loss = pnl < 0 ? -pnl : 0;
      const limitAmount = limits.get(currency);
      const limit = limitAmount && rescale(limitAmount, total.decimals, Math.floor);
      out.push({ currency, decimals: total.decimals, dayStart, pnl, loss, limit, breached: limit !== undefined && loss > limit });
    }
    if (changed) {
      this.store?.setSetting(SETTING_KEY, this.saved);
      this.logger.info({ dayStart, baselines: this.saved.baselines }, 'daily P&L baseline set');
    }
    return out;
  }

  private load(): Saved {
    const saved = this.store?.getSetting<unknown>(SETTING_KEY);
    if (saved === undefined) return { dayStart: NaN, baselines: {} };
    if (isSaved(saved)) return saved;
    // Unreadable: start the day from now rather than guess a baseline (logged so it is noticed).
    this.logger.error({ saved }, 'daily P&L baseline unreadable; counting from now');
    return { dayStart: NaN, baselines: {} };
  }
}

/**
 * `amount` at `decimals` (the scale moves when an instrument with finer units is added). Going
 * coarser rounds with `round`: up for a baseline, down for a limit, so neither makes a loss look smaller.
 */
function rescale(amount: ScaledAmount, decimals: number, round: (x: number) => number): number {
  const diff = decimals - amount.decimals;
  return diff >= 0 ? amount.units * 10 ** diff : round(amount.units / 10 ** -diff);
}

function isSaved(v: unknown): v is Saved {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<Saved>;
  if (typeof s.dayStart !== 'number' || typeof s.baselines !== 'object' || s.baselines === null) return false;
  return Object.values(s.baselines).every(
    (b: unknown) =>
      typeof b === 'object' && b !== null && Number.isFinite((b as ScaledAmount).units) && Number.isInteger((b as ScaledAmount).decimals),
  );
}
