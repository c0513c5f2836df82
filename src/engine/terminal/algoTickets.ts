import { SqError, type Side, type Symbol, type VenueId } from '../core';
import type { AlgoParams, OnRestart, ParentAmend, ParentSpec, ParentView } from '../algos';
import { parsePrice, parseQty, type Instrument, type InstrumentRegistry } from '../instruments';

/** An algo's own parameters as a view sends them: the iceberg's display size as a decimal string. */
export type AlgoTicketParams =
  | Exclude<AlgoParams, { type: 'iceberg' } | { type: 'peg' }>
  | { type: 'iceberg'; display: string; displayJitter?: number }
  | { type: 'peg'; reference: 'primary' | 'market' | 'mid'; offsetTicks: number };

/**
 * A parent order as a view sends it: prices and quantities as decimal strings (parsed against the
 * instrument like an order's), the window as an end time or a duration from now on the engine clock.
 */
export interface AlgoTicket {
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  qty: string;
  limit?: string;
  /** Delay before the first child, ms from now (default 0). */
  startInMs?: number;
  /** The window's length from its start, ms; or endAt. */
  durationMs?: number;
  endAt?: number;
  maxParticipation?: number;
  wouldPrice?: string;
  /** The widest spread (a price difference) at which a child may go. */
  maxSpread?: string;
  onRestart?: OnRestart;
  seed?: number;
  params: AlgoTicketParams;
}

export interface AlgoAmendTicket {
  qty?: string;
  limit?: string;
}

function instrumentOf(registry: InstrumentRegistry, venue: VenueId, symbol: Symbol): Instrument {
  const inst = registry.get(venue, symbol);
  if (!inst) throw new SqError('UNKNOWN_INSTRUMENT', `unknown instrument ${venue}:${symbol}`);
  return inst;
}

function lots(inst: Instrument, text: string, what: string): number {
  const parsed = parseQty(inst, text);
  if (!parsed.ok) throw new SqError('INVALID_INPUT', `${what} ${text}: ${parsed.reason}`);
  return parsed.value;
}

function ticks(inst: Instrument, text: string, what: string): number {
  const parsed = parsePrice(inst, text);
  if (!parsed.ok) throw new SqError('INVALID_INPUT', `${what} ${text}: ${parsed.reason}`);
  return parsed.value;
}

/** The engine's ParentSpec from a ticket; a value off the instrument's grid is INVALID_INPUT with its reason. */
export function algoSpec(registry: InstrumentRegistry, t: AlgoTicket, now: number): ParentSpec {
  const inst = instrumentOf(registry, t.venue, t.symbol);
  const startAt = now + (t.startInMs ?? 0);
  if ((t.durationMs === undefined) === (t.endAt === undefined)) throw new SqError('INVALID_INPUT', 'give the window as a duration or an end time (one of them)');
  const endAt = t.endAt ?? startAt + t.durationMs!;
  const p = t.params;
  const params: AlgoParams =
    p.type === 'iceberg'
      ? { type: 'iceberg', display: lots(inst, p.display, 'display size'), ...(p.displayJitter !== undefined ? { displayJitter: p.displayJitter } : {}) }
      : p.type === 'peg'
        ? { type: 'peg', reference: p.reference, offset: p.offsetTicks }
        : p;
  const spec: ParentSpec = { venue: t.venue, symbol: t.symbol, side: t.side, qty: lots(inst, t.qty, 'quantity'), startAt, endAt, params };
  if (t.limit !== undefined) spec.limit = ticks(inst, t.limit, 'limit');
  if (t.maxParticipation !== undefined) spec.maxParticipation = t.maxParticipation;
  if (t.wouldPrice !== undefined) spec.wouldPrice = ticks(inst, t.wouldPrice, '"would" price');
  if (t.maxSpread !== undefined) spec.maxSpread = ticks(inst, t.maxSpread, 'max spread');
  if (t.onRestart !== undefined) spec.onRestart = t.onRestart;
  if (t.seed !== undefined) spec.seed = t.seed;
  return spec;
}

export function algoAmend(registry: InstrumentRegistry, view: ParentView | undefined, t: AlgoAmendTicket): ParentAmend {
  if (!view) throw new SqError('UNKNOWN_ORDER', 'no such algo');
  const inst = instrumentOf(registry, view.venue, view.symbol);
  const change: ParentAmend = {};
  if (t.qty !== undefined) change.qty = lots(inst, t.qty, 'quantity');
  if (t.limit !== undefined) change.limit = ticks(inst, t.limit, 'limit');
  return change;
}

/** A parent as views receive it: a VWAP's profile (up to 10,000 weights) goes as its length only. */
export function algoView(view: ParentView): ParentView {
  if (view.params.type !== 'vwap' || view.params.profile === undefined) return view;
  return { ...view, params: { type: 'vwap', buckets: view.params.profile.length } };
}
