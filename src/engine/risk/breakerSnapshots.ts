import type { BreakerScopeKind, BreakerSnapshot } from './circuitBreaker';

/** The reason a breaker is OPEN after a start that found its persisted state unreadable. */
export const UNREADABLE_BREAKER_REASON = 'circuit breaker state unreadable at start';

export interface ReadSnapshots {
  snapshots: BreakerSnapshot[];
  /** Breakers whose scope is known but whose state is not: the caller opens them (fail safe). */
  unreadable: { scope: BreakerScopeKind; venue: string; symbol?: string }[];
  /** The first thing wrong, for the log and the risk panel. */
  problem?: string;
}

/**
 * The persisted breaker states, checked field by field: the store is a trust boundary. A breaker whose
 * scope can be read but whose state cannot is reported as unreadable, to be opened rather than guessed
 * CLOSED (if we cannot tell whether orders there were being refused, keep refusing until a probe says
 * otherwise). An entry whose scope cannot be read is dropped and named in `problem`.
 */
export function readBreakerSnapshots(saved: unknown): ReadSnapshots {
  const out: ReadSnapshots = { snapshots: [], unreadable: [] };
  if (!Array.isArray(saved)) {
    out.problem = `persisted circuit breakers are not a list: ${JSON.stringify(saved)}`;
    return out;
  }
  for (const entry of saved) {
    const scope = scopeOf(entry);
    if (!scope) {
      out.problem ??= `persisted circuit breaker with no readable scope: ${JSON.stringify(entry)}`;
      continue;
    }
    const bad = stateProblem(entry as Record<string, unknown>);
    if (bad) {
      out.unreadable.push(scope);
      out.problem ??= `persisted circuit breaker ${label(scope)}: ${bad}`;
      continue;
    }
    const e = entry as BreakerSnapshot;
    const s: BreakerSnapshot = { ...scope, state: e.state, since: e.since, reason: e.reason, backoffMs: e.backoffMs, reopenAt: e.reopenAt };
    if (e.probeSentAt !== undefined) s.probeSentAt = e.probeSentAt;
    if (e.probeId !== undefined) s.probeId = e.probeId;
    out.snapshots.push(s);
  }
  return out;
}

function scopeOf(entry: unknown): { scope: BreakerScopeKind; venue: string; symbol?: string } | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  if (typeof e.venue !== 'string' || e.venue === '') return undefined;
  if (e.scope === 'venue' && e.symbol === undefined) return { scope: 'venue', venue: e.venue };
  if (e.scope === 'instrument' && typeof e.symbol === 'string' && e.symbol !== '') return { scope: 'instrument', venue: e.venue, symbol: e.symbol };
  return undefined;
}

function stateProblem(e: Record<string, unknown>): string | undefined {
  if (e.state !== 'OPEN' && e.state !== 'HALF_OPEN') return `state ${JSON.stringify(e.state)} is not OPEN or HALF_OPEN`;
  if (typeof e.reason !== 'string') return 'no reason';
  for (const field of ['since', 'backoffMs', 'reopenAt'] as const) {
    if (!isTime(e[field])) return `${field} ${JSON.stringify(e[field])} is not a time in ms`;
  }
  if (e.probeSentAt !== undefined && (e.state !== 'HALF_OPEN' || !isTime(e.probeSentAt))) return `probeSentAt ${JSON.stringify(e.probeSentAt)} is not a probe time`;
  if (e.probeId !== undefined && (typeof e.probeId !== 'string' || e.probeSentAt === undefined)) return `probeId ${JSON.stringify(e.probeId)} is not a probe order id`;
  return undefined;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

const label = (s: { venue: string; symbol?: string }): string => (s.symbol === undefined ? `venue ${s.venue}` : `${s.venue}:${s.symbol}`);
