import { EventBus, type Clock, type Source } from '../core';
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

export type KillSwitchEvents = { kill: KillSwitchStatus };

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

export interface KillSwitchOptions {
  clock: Clock;
  store: Store;
  logger?: Logger;
}

/**
 * Stops all trading at once. Its state lives in the store, so an engaged switch stays engaged across
 * a restart (the reason it was pulled has not gone away because the program restarted). Every move
 * is written to the audit log with time and source. Who reacts to engaging (cancel every working
 * order) subscribes to the `kill` event; see the OMS's bindKillSwitch.
 */
export class KillSwitch {
  readonly events: EventBus<KillSwitchEvents>;
  private current: KillSwitchStatus;
  private readonly clock: Clock;
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
  }

  status(): KillSwitchStatus {
    return { ...this.current };
  }

  isEngaged(): boolean {
    return this.current.state === 'engaged';
  }

  engage(source: Source, reason: string): KillSwitchStatus {
    return this.apply('engage', source, reason);
  }

  reset(source: Source, reason = 'reset'): KillSwitchStatus {
    return this.apply('reset', source, reason);
  }

  /** Every engage and reset ever recorded, oldest first. */
  history(): KillSwitchEventRecord[] {
    return this.store.loadKillSwitchEvents();
  }

  private apply(action: KillSwitchAction, source: Source, reason: string): KillSwitchStatus {
    const next = TRANSITIONS[this.current.state][action];
    if (next === null) {
      this.logger.info({ action, source, reason, state: this.current.state }, `kill switch ${action}: already ${this.current.state}`);
      return this.status();
    }
    const ts = this.clock.now();
    const status: KillSwitchStatus = { state: next, since: ts, source, reason };
    // Written before it takes effect, log line and state together.
    this.store.transaction(() => {
      this.store.appendKillSwitchEvent({ ts, action, source, reason });
      this.store.setSetting(SETTING_KEY, status);
    });
    this.current = status;
    const line = `kill switch ${next} by ${source}: ${reason}`;
    if (next === 'engaged') this.logger.warn({ ts, action, source, reason }, line);
    else this.logger.info({ ts, action, source, reason }, line);
    this.events.emit('kill', this.status());
    return this.status();
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
