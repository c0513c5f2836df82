import { EventBus, SqError, type Clock, type Source, type VenueId } from '../core';
import type { KillSwitchAction, KillSwitchEventRecord, Store } from '../storage';
import { silentLogger, type Logger } from '../core';

export type KillSwitchState = 'disengaged' | 'engaged';

/** What the kill switch is now and who put it there. */
export interface KillSwitchStatus {
  state: KillSwitchState;
  /** When the current state began; undefined for a switch that has never moved. */
  since?: number;
  source?: Source;
  reason?: string;
}

/** One order that was working when the switch engaged and is not known to be canceled. */
export interface NotCanceled {
  venue: VenueId;
  clientOrderId: string;
  /** "filled before the cancel", "cancel rejected: ...", "no cancel confirmation within 5000 ms"... */
  reason: string;
}

/** What the cancel-all run on engaging achieved, recorded by whoever ran it (see CancelAllTracker). */
export interface CancelAllOutcome {
  /** When the cancels went out and when the last answer came (or the wait ended). */
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  /** Orders working at the start, and how many of them ended canceled. */
  requested: number;
  canceled: number;
  notCanceled: NotCanceled[];
}

export type KillSwitchEvents = {
  kill: KillSwitchStatus;
  cancelOutcome: CancelAllOutcome;
  flattenOnEngage: boolean;
};

/** The exact reason every order check gives while the switch is engaged. */
export const KILL_SWITCH_REASON = 'kill switch engaged';

/**
 * Transition table. `null` = the action does nothing in that state: engaging an engaged switch
 * (two people hitting the button) must be harmless, and so must resetting one that is not engaged.
 */
const TRANSITIONS: Record<KillSwitchState, Record<KillSwitchAction, KillSwitchState | null>> = {
  disengaged: { engage: 'engaged', reset: null },
  engaged: { engage: null, reset: 'disengaged' },
};

const SETTING_KEY = 'killSwitch';
const FLATTEN_KEY = 'killSwitch.flattenOnEngage';
const OUTCOME_KEY = 'killSwitch.lastCancelAll';

export interface KillSwitchOptions {
  clock: Clock;
  store: Store;
  logger?: Logger;
}

/**
 * Stops all trading at once. Its state lives in the store, so an engaged switch stays engaged across
 * a restart (the reason it was pulled has not gone away because the program restarted). Every move
 * is written to the audit log with time and source. Who reacts to engaging (cancel every working
 * order) subscribes to the `kill` event; see terminal/riskWiring.ts.
 */
export class KillSwitch {
  readonly events: EventBus<KillSwitchEvents>;
  readonly clock: Clock;
  private current: KillSwitchStatus;
  /** current.state === 'engaged', kept as a flag: every order's check reads it first. */
  private engaged: boolean;
  private flatten: boolean;
  private outcome: CancelAllOutcome | undefined;
  private readonly store: Store;
  private readonly logger: Logger;

  constructor(options: KillSwitchOptions) {
    this.clock = options.clock;
    this.store = options.store;
    this.logger = options.logger ?? silentLogger;
    // What reacts to the switch (cancel everything) runs as a listener: its failure must be loud.
    this.events = new EventBus<KillSwitchEvents>((event, error) =>
      this.logger.error({ event, error: String(error) }, 'kill switch listener threw'),
    );
    this.current = this.load();
    this.engaged = this.current.state === 'engaged';
    this.flatten = this.store.getSetting<unknown>(FLATTEN_KEY) === true;
    this.outcome = this.store.getSetting<CancelAllOutcome>(OUTCOME_KEY);
  }

  status(): KillSwitchStatus {
    return { ...this.current };
  }

  isEngaged(): boolean {
    return this.engaged;
  }

  engage(source: Source, reason: string): KillSwitchStatus {
    return this.apply('engage', source, reason);
  }

  reset(source: Source, reason = 'reset'): KillSwitchStatus {
    return this.apply('reset', source, reason);
  }

  /**
   * Whether engaging should also close every position (the wiring sends the closing market orders,
   * which RiskManager.planFlatten lets through the engaged switch). Stored: it is a standing choice.
   */
  flattenOnEngage(): boolean {
    return this.flatten;
  }

  setFlattenOnEngage(on: boolean, source: Source): void {
    if (on === this.flatten) return;
    this.store.setSetting(FLATTEN_KEY, on);
    this.flatten = on;
    this.logger.info({ flattenOnEngage: on, source }, `kill switch flatten on engage ${on ? 'on' : 'off'} by ${source}`);
    this.events.emit('flattenOnEngage', on);
  }

  /**
   * Records how the cancel-all of the last engage went: how long it took and every order not
   * canceled, so the trader knows exactly what may still be live or what traded meanwhile.
   */
  recordCancelOutcome(outcome: CancelAllOutcome): void {
    const copy = structuredClone(outcome);
    this.outcome = copy;
    try {
      this.store.setSetting(OUTCOME_KEY, copy);
    } catch (error) {
      // What follows (the flatten, the screen) must not wait on a disk that failed.
      this.logger.error({ error: String(error) }, 'kill switch cancel-all outcome not saved to the store');
    }
    const line = `kill switch cancel-all: ${outcome.canceled}/${outcome.requested} canceled in ${outcome.durationMs} ms`;
    if (outcome.notCanceled.length > 0) this.logger.warn({ ...copy }, `${line}; ${outcome.notCanceled.length} not canceled`);
    else this.logger.info({ ...copy }, line);
    this.events.emit('cancelOutcome', structuredClone(copy));
  }

  /** The last recorded cancel-all outcome (survives a restart). */
  lastCancelOutcome(): CancelAllOutcome | undefined {
    return this.outcome && structuredClone(this.outcome);
  }

  /** Every engage and reset ever recorded, oldest first. */
  history(): KillSwitchEventRecord[] {
    try {
      return this.store.loadKillSwitchEvents();
    } catch (error) {
      this.logger.error({ error: String(error) }, 'kill switch history unreadable');
      return [];
    }
  }

  /**
   * Engaging takes effect in memory first, then is persisted: a full or failing disk must never stop
   * the switch from engaging (fail closed). A reset is the opposite: it is persisted first and refused
   * if it cannot be, so that a restart can never find trading enabled that the trader could not record.
   */
  private apply(action: KillSwitchAction, source: Source, reason: string): KillSwitchStatus {
    const next = TRANSITIONS[this.current.state][action];
    if (next === null) {
      this.logger.info({ action, source, reason, state: this.current.state }, `kill switch ${action}: already ${this.current.state}`);
      return this.status();
    }
    const ts = this.clock.now();
    const status: KillSwitchStatus = { state: next, since: ts, source, reason };
    if (next === 'disengaged') {
      const problem = this.persist(status, { ts, action, source, reason });
      if (problem) throw new SqError('INTERNAL', `the kill switch stays engaged: its reset could not be recorded (${problem})`);
    }
    this.current = status;
    this.engaged = next === 'engaged';
    const line = `kill switch ${next} by ${source}: ${reason}`;
    if (next === 'engaged') this.logger.warn({ ts, action, source, reason }, line);
    else this.logger.info({ ts, action, source, reason }, line);
    this.events.emit('kill', this.status());
    if (next === 'engaged') this.persist(status, { ts, action, source, reason });
    return this.status();
  }

  /**
   * Adopts an engaged state recorded elsewhere (the order journal), when the store has lost it
   * (deleted or rolled back). Never disengages: either record saying "engaged" keeps trading stopped.
   */
  adoptEngaged(recorded: KillSwitchStatus): void {
    if (recorded.state !== 'engaged' || this.engaged) return;
    this.current = { ...recorded };
    this.engaged = true;
    this.logger.warn({ ...recorded }, 'kill switch engaged as the order journal recorded (the store had lost it)');
    this.persist(this.current, { ts: recorded.since ?? this.clock.now(), action: 'engage', source: recorded.source ?? 'recovery', reason: recorded.reason ?? 'recorded in the order journal' });
  }

  /** Writes the state and its log line; returns what went wrong instead of throwing. */
  private persist(status: KillSwitchStatus, event: KillSwitchEventRecord): string | undefined {
    try {
      this.store.transaction(() => {
        this.store.appendKillSwitchEvent(event);
        this.store.setSetting(SETTING_KEY, status);
      });
      return undefined;
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      this.logger.error({ action: event.action, error: problem }, `kill switch ${event.action} not saved to the store`);
      return problem;
    }
  }

  private load(): KillSwitchStatus {
    const saved = this.store.getSetting<unknown>(SETTING_KEY);
    if (saved === undefined) return { state: 'disengaged' };
    if (isStatus(saved)) return saved;
    // The file is a trust boundary: if we cannot tell whether trading was stopped, stay stopped.
    this.logger.error({ saved }, 'kill switch state unreadable; starting engaged');
    return { state: 'engaged', source: 'system', reason: 'kill switch state unreadable at start' };
  }
}

function isStatus(v: unknown): v is KillSwitchStatus {
  if (typeof v !== 'object' || v === null) return false;
  const s = (v as { state?: unknown }).state;
  return s === 'engaged' || s === 'disengaged';
}
