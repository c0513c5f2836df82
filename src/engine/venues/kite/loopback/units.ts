/**
 * Prices inside the loopback Kite venue are integers of 1/10,000 rupee ("units"): every tick size Kite
 * uses is a whole number of them (0.05 = 500, CDS's 0.0025 = 25), so tick checks and sums are exact.
 * Kite's wire carries prices as JSON numbers in rupees (and ticks in paise); these convert both ways.
 */

export const UNITS_PER_RUPEE = 10_000;

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,12}))?$/;

/**
 * A decimal text as units; `exact` is false when it has digits below a unit (never on any tick).
 * undefined for text that is not a plain non-negative decimal.
 */
export function parseUnits(text: string): { units: number; exact: boolean } | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const kept = (frac + '0000').slice(0, 4);
  const rest = frac.slice(4);
  return { units: Number(m[1]) * UNITS_PER_RUPEE + Number(kept), exact: !/[1-9]/.test(rest) };
}

/** Units as the JSON number Kite writes (rupees). */
export const rupees = (units: number): number => units / UNITS_PER_RUPEE;

/** Units as a decimal text (for messages: "0.05", "1573.7"). */
export function unitsText(units: number): string {
  const sign = units < 0 ? '-' : '';
  const a = Math.abs(units);
  const whole = Math.trunc(a / UNITS_PER_RUPEE);
  const frac = String(a % UNITS_PER_RUPEE).padStart(4, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? '.' + frac : ''}`;
}

/** Rupees with two decimals, as Kite's margin messages write amounts ("95417.84"). */
export const moneyText = (units: number): string => (units / UNITS_PER_RUPEE).toFixed(2);

/** Rounds `units` to a multiple of `tick`: down, up or nearest. */
export function roundToTick(units: number, tick: number, how: 'down' | 'up' | 'nearest'): number {
  const q = units / tick;
  const n = how === 'down' ? Math.floor(q) : how === 'up' ? Math.ceil(q) : Math.round(q);
  return n * tick;
}
