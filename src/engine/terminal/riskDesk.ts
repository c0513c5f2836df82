import { type Clock, type Logger, type Source, SqError, type Symbol, type VenueId } from '../core';
import { enforceKillSwitch, type OrderManager } from '../oms';
import type { KillSwitch, RiskLimitsConfig, RiskManager } from '../risk';
import { RiskRepeats } from './riskRepeats';
import type { VenueKillHooks } from './venueKill';
import { VenueKillOutcomes } from './venueKillOutcomes';
import type { KillState, RiskState } from './views';
import type { Preferences } from './watchlists';

export interface RiskDeskDeps {
  clock: Clock;
  logger: Logger;
  killSwitch: KillSwitch;
  /** The risk manager, built after the desk (the desk's kill listeners must come first on the switch). */
  risk(): RiskManager;
  /** Built after the desk too: a journal failure engages the switch or enforces it again through it. */
  oms(): OrderManager;
  preferences: Preferences;
  emitKill(state: KillState): void;
  emitRisk(state: RiskState): void;
}

/**
 * The kill switch and the risk limits as the trader sees and drives them: the kill state (with each
 * venue's own kill outcome), engage/reset/flatten, limits and breakers. The kill state goes to the views
 * on every change; the risk state when it changed (or is due again), not every second unchanged.
 */
export class RiskDesk {
  /** Each venue's own kill (Kite: GTTs deleted, ...) outcome of the current engage. */
  readonly venueKills: VenueKillOutcomes;
  private readonly riskRepeats = new RiskRepeats();

  constructor(private readonly deps: RiskDeskDeps) {
    const { killSwitch } = deps;
    this.venueKills = new VenueKillOutcomes(() => deps.emitKill(this.killState()));
    killSwitch.events.on('kill', (status) => {
      // Registered before any venue's own kill: a new engage starts from no outcomes.
      if (status.state === 'engaged') this.venueKills.clear();
      deps.emitKill(this.killState());
    });
    killSwitch.events.on('cancelOutcome', () => deps.emitKill(this.killState()));
    killSwitch.events.on('flattenOnEngage', () => deps.emitKill(this.killState()));
  }

  /** What a venue's own kill needs: whether to delete GTTs, and where its outcome goes. */
  venueKillHooks(): VenueKillHooks {
    return { deleteGtts: () => this.deps.preferences.deleteGttsOnKill(), outcomes: this.venueKills };
  }

  killState(): KillState {
    const { killSwitch, preferences } = this.deps;
    const status = killSwitch.status();
    return {
      engaged: status.state === 'engaged',
      since: status.since,
      source: status.source,
      reason: status.reason,
      history: killSwitch.history().slice(-50),
      lastCancel: killSwitch.lastCancelOutcome(),
      flattenOnEngage: killSwitch.flattenOnEngage(),
      venueKill: this.venueKills.list(),
      deleteGttsOnKill: preferences.deleteGttsOnKill(),
    };
  }

  /** Kite: whether the kill switch deletes the active GTTs too; kept in the settings store. */
  setDeleteGttsOnKill(on: boolean): KillState {
    this.deps.preferences.setDeleteGttsOnKill(on);
    this.deps.logger.warn({ deleteGttsOnKill: on }, 'kill switch: delete GTTs setting changed');
    const state = this.killState();
    this.deps.emitKill(state);
    return state;
  }

  engageKillSwitch(source: Source, reason = 'engaged by the trader'): KillState {
    this.deps.killSwitch.engage(source, reason);
    return this.killState();
  }

  resetKillSwitch(source: Source): KillState {
    this.deps.killSwitch.reset(source, 'reset by the trader');
    return this.killState();
  }

  setFlattenOnEngage(on: boolean, source: Source): KillState {
    this.deps.killSwitch.setFlattenOnEngage(on, source);
    return this.killState();
  }

  riskState(): RiskState {
    const risk = this.deps.risk();
    return {
      limits: risk.limits(),
      utilisation: risk.utilisation(),
      breakers: risk.breakers.views(),
      breakerLog: risk.breakerTransitions().slice(-100),
      loadProblem: risk.loadProblem,
    };
  }

  /** Replaces the limits; a bad value is refused with its reason and nothing changes. */
  setRiskLimits(limits: RiskLimitsConfig): RiskState {
    const set = this.deps.risk().setLimits(limits);
    if (!set.ok) throw new SqError(set.error.code, set.error.message);
    return this.riskState();
  }

  resetBreaker(venue: VenueId, symbol?: Symbol): RiskState {
    const reset = this.deps.risk().resetBreaker(venue, symbol);
    if (!reset.ok) throw new SqError(reset.error.code, reset.error.message);
    return this.riskState();
  }

  /** The daily loss moves with the marks: checked again, and the risk state sent when it changed or is due. */
  remark(): void {
    this.deps.risk().evaluateDailyLoss();
    const risk = this.riskState();
    if (this.riskRepeats.shouldSend(risk, this.deps.clock.now())) this.deps.emitRisk(risk);
  }

  /**
   * Nothing more can be made durable: trading stops. The cancels still go out (the OMS sends them
   * without the journal); if the switch was already engaged, its cancels are sent again, since those
   * waiting on the journal when it failed never left.
   */
  onJournalFailure(error: Error): void {
    const { killSwitch, logger } = this.deps;
    if (killSwitch.isEngaged()) enforceKillSwitch(killSwitch, this.deps.oms(), logger);
    else killSwitch.engage('system', `order journal failed: ${error.message}`);
  }
}
