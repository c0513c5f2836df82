import type { ParentState } from './types';

/**
 * The legal moves of a parent order. Final states go nowhere; `completing` only ends. A move not in
 * the table is a bug in the runtime (it throws), never a silent state change.
 */
const MOVES: Record<ParentState, readonly ParentState[]> = {
  pending: ['running', 'paused', 'completing', 'canceled', 'failed'],
  running: ['paused', 'completing', 'failed'],
  paused: ['running', 'completing', 'failed'],
  completing: ['completed', 'canceled', 'failed'],
  completed: [],
  canceled: [],
  failed: [],
};

export const canMoveParent = (from: ParentState, to: ParentState): boolean => MOVES[from].includes(to);
