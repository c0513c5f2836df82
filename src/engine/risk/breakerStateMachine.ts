import { SqError } from '../core';

/**
 * CLOSED: orders flow. OPEN: orders to the scope are refused until a backoff has passed. HALF_OPEN:
 * one probe order is let through; its answer closes the breaker or opens it again for longer.
 */
export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** What moves a breaker. */
export type BreakerTrigger = 'trip' | 'backoff_elapsed' | 'probe_succeeded' | 'probe_failed' | 'manual_reset';

/** The transition table; anything not listed is illegal. */
export const BREAKER_TRANSITIONS: Readonly<Record<BreakerState, Readonly<Partial<Record<BreakerTrigger, BreakerState>>>>> = {
  CLOSED: { trip: 'OPEN' },
  OPEN: { backoff_elapsed: 'HALF_OPEN', manual_reset: 'CLOSED' },
  HALF_OPEN: { probe_succeeded: 'CLOSED', probe_failed: 'OPEN', manual_reset: 'CLOSED' },
};

export class IllegalBreakerTransitionError extends SqError {
  constructor(
    readonly scope: string,
    readonly from: BreakerState,
    readonly trigger: BreakerTrigger,
  ) {
    super('ILLEGAL_TRANSITION', `circuit breaker ${scope}: ${trigger} is not allowed while ${from}`);
    this.name = 'IllegalBreakerTransitionError';
  }
}

/** The state `trigger` leads to from `from`, or the typed error saying it is not allowed. */
export function breakerTransition(scope: string, from: BreakerState, trigger: BreakerTrigger): BreakerState | IllegalBreakerTransitionError {
  return BREAKER_TRANSITIONS[from][trigger] ?? new IllegalBreakerTransitionError(scope, from, trigger);
}
