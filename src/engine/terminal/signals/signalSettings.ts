/**
 * What the trader set on the signals desk, kept in the settings store so it survives restarts: the sources
 * they added (never a secret: a CryptoPanic ticket is kept without its token), the component weights and
 * the alert rules. A stored value of the wrong shape is logged and ignored (the defaults apply), so a
 * damaged row never stops the terminal; a write that fails is thrown (the trader is told it was not kept).
 */
import type { Logger } from '../../core';
import type { AlertRule, SignalWeights } from '../../signals';
import type { Store } from '../../storage';
import type { SignalSourceTicket } from './signalsView';

const SOURCES_SETTING = 'signals.sources';
const WEIGHTS_SETTING = 'signals.weights';
const ALERTS_SETTING = 'signals.alerts';

/** A trader's source as stored: its id, whether it runs, and its ticket without the token. */
export interface StoredSource {
  id: string;
  enabled: boolean;
  ticket: StoredTicket;
}
export type StoredTicket = Exclude<SignalSourceTicket, { kind: 'cryptopanic' }> | Omit<Extract<SignalSourceTicket, { kind: 'cryptopanic' }>, 'token'>;

/** Which automatic sources (SIM wire, positioning) the trader paused, by id. */
const PAUSED_SETTING = 'signals.pausedAutomatic';

export class SignalSettings {
  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  sources(): StoredSource[] {
    const v = this.read(SOURCES_SETTING, (x): x is StoredSource[] => Array.isArray(x) && x.every(isStoredSource));
    return v ?? [];
  }

  setSources(sources: readonly StoredSource[]): void {
    this.store.setSetting(SOURCES_SETTING, sources);
  }

  pausedAutomatic(): string[] {
    return this.read(PAUSED_SETTING, (x): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string')) ?? [];
  }

  setPausedAutomatic(ids: readonly string[]): void {
    this.store.setSetting(PAUSED_SETTING, [...ids]);
  }

  /** Unvalidated here: the aggregator validates (and a bad row falls back to the defaults there). */
  weights(): unknown {
    return this.store.getSetting<unknown>(WEIGHTS_SETTING);
  }

  setWeights(weights: SignalWeights): void {
    this.store.setSetting(WEIGHTS_SETTING, weights);
  }

  alerts(): unknown[] {
    return this.read(ALERTS_SETTING, (x): x is unknown[] => Array.isArray(x)) ?? [];
  }

  setAlerts(rules: readonly AlertRule[]): void {
    this.store.setSetting(ALERTS_SETTING, rules);
  }

  private read<T>(key: string, ok: (x: unknown) => x is T): T | undefined {
    const v = this.store.getSetting<unknown>(key);
    if (v === undefined) return undefined;
    if (!ok(v)) {
      this.logger.warn({ setting: key }, 'stored signal settings have an unexpected shape; ignored');
      return undefined;
    }
    return v;
  }
}

function isStoredSource(x: unknown): x is StoredSource {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<StoredSource>;
  const t = s.ticket as { kind?: unknown } | undefined;
  return typeof s.id === 'string' && typeof s.enabled === 'boolean' && typeof t === 'object' && t !== null && ['rss', 'reddit', 'cryptopanic', 'fearGreed'].includes(t.kind as string) && !('token' in t);
}
