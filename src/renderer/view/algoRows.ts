import type { AlgoView, Instrument } from '../../contract/api';
import { decimalText, priceText, qtyText } from './numbers';

/** One row of the Algos panel, as the trader reads it. */
export interface AlgoRow {
  id: string;
  algo: string;
  instrument: string;
  side: AlgoView['side'];
  /** Done / total, 0..1, and its text. */
  progress: number;
  progressText: string;
  /** Time elapsed / window, 0..1, and its text. */
  elapsed: number;
  elapsedText: string;
  state: string;
  avgPrice: string;
  /** Slippage of the average fill against the arrival mid, bps, positive = cost; '' before a fill. */
  slippage: string;
  canPause: boolean;
  canResume: boolean;
  canCancel: boolean;
  reason: string;
}

const ALGO_NAMES: Record<AlgoView['type'], string> = {
  twap: 'TWAP',
  vwap: 'VWAP',
  pov: 'POV',
  iceberg: 'Iceberg',
  peg: 'Peg',
  shortfall: 'Shortfall',
  sniper: 'Sniper',
  smart: 'Smart',
};

const duration = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Positive = cost: a buy above the arrival mid, a sell below it. */
export function slippageVsArrival(a: Pick<AlgoView, 'side' | 'avgPrice' | 'arrivalMid'>): number | undefined {
  if (a.avgPrice === undefined || a.arrivalMid === undefined || !(a.arrivalMid > 0)) return undefined;
  return ((a.side === 'buy' ? a.avgPrice - a.arrivalMid : a.arrivalMid - a.avgPrice) / a.arrivalMid) * 10_000;
}

export function algoRow(a: AlgoView, inst: Instrument | undefined, now: number): AlgoRow {
  const qty = (l: number) => (inst ? qtyText(inst, l) : String(l));
  const window = a.endAt - a.startAt;
  const final = a.state === 'completed' || a.state === 'canceled' || a.state === 'failed';
  const until = final ? Math.min(a.updatedAt, a.endAt) : Math.min(now, a.endAt);
  const spent = Math.max(0, until - a.startAt);
  const slip = slippageVsArrival(a);
  return {
    id: a.id,
    algo: ALGO_NAMES[a.type],
    instrument: a.params.type === 'smart' ? `${a.symbol} · ${a.params.venues.join('+')}` : `${a.symbol} · ${a.venue}`,
    side: a.side,
    progress: a.qty > 0 ? Math.min(1, a.doneQty / a.qty) : 0,
    progressText: `${qty(a.doneQty)} / ${qty(a.qty)}`,
    elapsed: window > 0 ? Math.min(1, spent / window) : 1,
    elapsedText: `${duration(spent)} / ${duration(window)}`,
    state: a.state,
    avgPrice: a.avgPrice === undefined ? '' : inst ? priceText(inst, Math.round(a.avgPrice)) : decimalText(a.avgPrice, 2),
    slippage: slip === undefined ? '' : decimalText(slip, 1),
    canPause: a.state === 'running' || a.state === 'pending',
    canResume: a.state === 'paused',
    canCancel: !final && a.state !== 'completing',
    reason: a.reason ?? '',
  };
}

/** The parent an algo child's order id belongs to (`<parent>.<n>`), when that parent is listed. */
export function parentOf(clientOrderId: string, parents: ReadonlySet<string>): string | undefined {
  const dot = clientOrderId.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const parent = clientOrderId.slice(0, dot);
  return parents.has(parent) ? parent : undefined;
}
