import type { Lots, Side, Symbol, Ticks, VenueId } from '../core';

/** The execution algorithms a parent order can run. */
export type AlgoType = 'twap' | 'vwap' | 'pov' | 'iceberg' | 'peg' | 'shortfall' | 'sniper' | 'smart';
export const ALGO_TYPES: readonly AlgoType[] = ['twap', 'vwap', 'pov', 'iceberg', 'peg', 'shortfall', 'sniper', 'smart'];

/**
 * A parent order's life (legal moves: parentStates.ts):
 * - pending: accepted and journaled, waiting for its start time;
 * - running: sending children on its schedule;
 * - paused: sends nothing (by the trader, the kill switch, or a stale book); its resting children were canceled;
 * - completing: sends nothing more and waits for its working children to end (quantity reached, window
 *   over, or a cancel: `ending` says which final state follows);
 * - completed, canceled, failed: final.
 */
export type ParentState = 'pending' | 'running' | 'paused' | 'completing' | 'completed' | 'canceled' | 'failed';
export const FINAL_PARENT_STATES: readonly ParentState[] = ['completed', 'canceled', 'failed'];
export const isFinalParent = (s: ParentState): boolean => s === 'completed' || s === 'canceled' || s === 'failed';

/** What the parent does after a restart: carry on where it was, or stay paused until the trader resumes it. */
export type OnRestart = 'resume' | 'stop';

/** The per-algorithm parameters (the common ones live on ParentSpec). Fractions are plain numbers in [0, 1]. */
export type AlgoParams =
  | { type: 'twap'; slices: number; sizeJitter?: number; timeJitter?: number }
  /** A supplied profile (weights over equal buckets of the window), or `buckets` to build it from recorded volume. */
  | { type: 'vwap'; profile?: readonly number[]; buckets?: number }
  | { type: 'pov'; rate: number; minRate?: number; maxRate?: number }
  | { type: 'iceberg'; display: Lots; displayJitter?: number }
  | { type: 'peg'; reference: 'primary' | 'market' | 'mid'; offset: Ticks }
  | { type: 'shortfall'; slices: number; riskAversion: number; volatility: number; impact: number }
  | { type: 'sniper' }
  /**
   * Smart routing: sweeps the consolidated book of `venues` (the parent's venue among them, its ticks
   * and lots the parent's units) up to the limit, several IOC children at once (strategies/smart.ts).
   */
  | { type: 'smart'; venues: readonly VenueId[] };

/** What a trader asks for. Prices in ticks, quantities in lots, times on the engine clock (ms). */
export interface ParentSpec {
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  qty: Lots;
  /** Never buy above / sell below this. Required by iceberg and sniper (the price they work at). */
  limit?: Ticks;
  /** The window; start defaults to now. TWAP, VWAP and Shortfall spread their schedule over it. */
  startAt?: number;
  endAt: number;
  /** Cap on our share of the traded volume seen since the start (0-1]; absent: no cap. */
  maxParticipation?: number;
  /** At or better than this price the algo stops scheduling and takes what it can of the rest (up to the limit). */
  wouldPrice?: Ticks;
  /** No new child while the spread is wider than this (ticks). */
  maxSpread?: Ticks;
  onRestart?: OnRestart;
  /** Seeds the randomised sizes and times, so a restart rebuilds the same schedule. Default from the clock. */
  seed?: number;
  params: AlgoParams;
}

/** A parent as the views see it. */
export interface ParentView {
  id: string;
  type: AlgoType;
  venue: VenueId;
  symbol: Symbol;
  side: Side;
  qty: Lots;
  limit?: Ticks;
  startAt: number;
  endAt: number;
  state: ParentState;
  doneQty: Lots;
  /** Lots in working children (sent, not filled yet). */
  workingQty: Lots;
  /** Average fill price in ticks (fractional), absent before the first fill. */
  avgPrice?: number;
  /** Why it paused, failed, ended short, or was canceled. */
  reason?: string;
  children: number;
  createdAt: number;
  updatedAt: number;
  params: AlgoParams;
  onRestart: OnRestart;
  /** The mid (ticks, may end in .5) when the parent was accepted: the TCA's arrival price. */
  arrivalMid?: number;
  /**
   * Smart routing: why venues got nothing (or were capped) at its latest sweep, in the trader's words
   * ("SIM-B: venue not connected"); set by the terminal, which knows the instrument's decimals.
   */
  leftOut?: string[];
}

/** Amend a running parent: absent fields unchanged. */
export interface ParentAmend {
  qty?: Lots;
  limit?: Ticks;
}
