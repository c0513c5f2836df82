import type { AlgoType, CallInput } from '../../contract/api';
import { typedDecimal } from './fields';

/** The Algo ticket's fields as typed (strings), per algo type the ones it uses. */
export interface AlgoForm {
  type: AlgoType;
  venue: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: string;
  limit: string;
  /** Window length, seconds. */
  durationS: string;
  slices: string;
  sizeJitter: string;
  rate: string;
  display: string;
  reference: 'primary' | 'market' | 'mid';
  offsetTicks: string;
  riskAversion: string;
  volatility: string;
  impact: string;
  buckets: string;
  maxParticipation: string;
  venues: string[];
}

export const ALGO_CHOICES: { type: AlgoType; name: string; explain: string }[] = [
  { type: 'twap', name: 'TWAP', explain: 'Even slices over the window, sizes and times randomised within bounds.' },
  { type: 'vwap', name: 'VWAP', explain: "Slices follow the instrument's recorded volume by time of day." },
  { type: 'pov', name: 'POV', explain: 'Trades a fixed share of the volume printed since it started.' },
  { type: 'iceberg', name: 'Iceberg', explain: 'Shows only the display size at the limit, refilled until done.' },
  { type: 'peg', name: 'Peg', explain: 'Rests one order pegged to the touch or the mid, never through the limit.' },
  { type: 'shortfall', name: 'Shortfall', explain: 'Almgren-Chriss schedule: more urgency trades earlier, less impact later.' },
  { type: 'sniper', name: 'Sniper', explain: 'Takes displayed size at or better than the limit when it appears.' },
  { type: 'smart', name: 'Smart', explain: 'Sweeps the best prices across venues by depth, fees and latency.' },
];

/** One line on each parameter, shown under its field. */
export const PARAM_HELP = {
  qty: 'Total quantity the algo works, in the instrument units.',
  limit: 'Never buys above / sells below this price.',
  durationS: 'Length of the window in seconds; the algo stops at its end.',
  slices: 'How many child orders the window is cut into (1 to 10,000).',
  sizeJitter: 'Each slice size varies by up to this fraction (0 to 0.9) so it is not a metronome.',
  rate: 'Share of the market volume to trade, between 0 and 1 (0.1 = 10%).',
  display: 'The size shown on the book at a time.',
  reference: 'What the order is pegged to: the near touch (primary), the far touch (market), or the mid.',
  offsetTicks: 'Ticks away from the reference (positive = more passive).',
  riskAversion: 'λ: 0 trades like TWAP; higher front-loads the schedule.',
  volatility: 'σ: price volatility in ticks per √second.',
  impact: 'η: ticks of price concession per lot/second of trading rate.',
  buckets: 'Buckets of the volume profile over the window.',
  maxParticipation: 'Optional cap on the share of traded volume (0 to 1).',
  venues: 'Venues to route across (the ticket venue among them).',
} as const;

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));
const isDecimal = (s: string): boolean => /^\d+(\.\d+)?$/.test(s.trim());

/**
 * The form's decimal fields in the plain form the checks and the engine read: with the decimal comma on,
 * "0,5" is 0.5 (view/fields typedDecimal); a field with grouping marks stays as typed and fails its check.
 */
const DECIMAL_FIELDS = ['qty', 'limit', 'sizeJitter', 'rate', 'display', 'riskAversion', 'volatility', 'impact', 'maxParticipation'] as const;
function plainForm(typed: AlgoForm): AlgoForm {
  const f = { ...typed };
  for (const k of DECIMAL_FIELDS) {
    const t = typedDecimal(f[k]);
    if (t.ok) f[k] = t.text;
  }
  return f;
}

/** What is wrong with the form, field by field (empty: it can be sent). */
export function algoFormProblems(typed: AlgoForm): Partial<Record<keyof AlgoForm, string>> {
  const f = plainForm(typed);
  const p: Partial<Record<keyof AlgoForm, string>> = {};
  if (!isDecimal(f.qty) || !(num(f.qty) > 0)) p.qty = 'a positive quantity';
  const needsLimit = f.type === 'iceberg' || f.type === 'sniper' || f.type === 'smart';
  if (f.limit.trim() !== '' && !isDecimal(f.limit)) p.limit = 'a positive price';
  else if (needsLimit && f.limit.trim() === '') p.limit = 'this algo needs a limit';
  const d = num(f.durationS);
  if (!(Number.isInteger(d) && d >= 1 && d <= 7 * 86_400)) p.durationS = '1 second to 7 days';
  if (f.type === 'twap' || f.type === 'shortfall') {
    const n = num(f.slices);
    if (!(Number.isInteger(n) && n >= 1 && n <= 10_000)) p.slices = '1 to 10,000';
  }
  if (f.type === 'twap' && f.sizeJitter.trim() !== '' && !(num(f.sizeJitter) >= 0 && num(f.sizeJitter) <= 0.9)) p.sizeJitter = '0 to 0.9';
  if (f.type === 'pov' && !(num(f.rate) > 0 && num(f.rate) < 1)) p.rate = 'between 0 and 1';
  if (f.type === 'iceberg' && !(isDecimal(f.display) && num(f.display) > 0)) p.display = 'a positive size';
  if (f.type === 'peg' && !Number.isInteger(num(f.offsetTicks))) p.offsetTicks = 'a whole number of ticks';
  if (f.type === 'shortfall') {
    if (!(num(f.riskAversion) >= 0)) p.riskAversion = 'zero or more';
    if (!(num(f.volatility) > 0)) p.volatility = 'positive';
    if (!(num(f.impact) > 0)) p.impact = 'positive';
  }
  if (f.type === 'vwap' && !(Number.isInteger(num(f.buckets)) && num(f.buckets) >= 1 && num(f.buckets) <= 10_000)) p.buckets = '1 to 10,000';
  if (f.maxParticipation.trim() !== '' && !(num(f.maxParticipation) > 0 && num(f.maxParticipation) <= 1)) p.maxParticipation = 'in (0, 1]';
  if (f.type === 'smart' && (f.venues.length < 1 || !f.venues.includes(f.venue))) p.venues = `pick venues, ${f.venue} among them`;
  return p;
}

/** The bridge ticket of a valid form. */
export function algoTicket(typed: AlgoForm): CallInput<'algos.start'> {
  const f = plainForm(typed);
  const params: CallInput<'algos.start'>['params'] = (() => {
    switch (f.type) {
      case 'twap':
        return { type: 'twap', slices: num(f.slices), ...(f.sizeJitter.trim() !== '' ? { sizeJitter: num(f.sizeJitter) } : {}) };
      case 'vwap':
        return { type: 'vwap', buckets: num(f.buckets) };
      case 'pov':
        return { type: 'pov', rate: num(f.rate) };
      case 'iceberg':
        return { type: 'iceberg', display: f.display.trim() };
      case 'peg':
        return { type: 'peg', reference: f.reference, offsetTicks: num(f.offsetTicks) };
      case 'shortfall':
        return { type: 'shortfall', slices: num(f.slices), riskAversion: num(f.riskAversion), volatility: num(f.volatility), impact: num(f.impact) };
      case 'sniper':
        return { type: 'sniper' };
      case 'smart':
        return { type: 'smart', venues: [f.venue, ...f.venues.filter((v) => v !== f.venue)] };
    }
  })();
  const t: CallInput<'algos.start'> = { venue: f.venue, symbol: f.symbol, side: f.side, qty: f.qty.trim(), durationMs: num(f.durationS) * 1000, params };
  if (f.limit.trim() !== '') t.limit = f.limit.trim();
  if (f.maxParticipation.trim() !== '') t.maxParticipation = num(f.maxParticipation);
  return t;
}
