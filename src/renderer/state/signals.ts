import { create } from 'zustand';
import type { Reply, SignalAlertView, SignalSettingsView, SignalSourceTicket, SignalSourceView } from '../../contract/api';
import type { AlertInput } from '../view/signalForms';
import { componentLabel, thresholdText } from '../view/signals';
import { bridge } from './bridgeRef';
import { toasts } from './toasts';

interface SignalsState {
  /** The sources with their status: read when the Sources view opens, then kept by `signalSources` events. */
  sources: SignalSourceView[] | null;
  settings: SignalSettingsView | null;
}

export const useSignals = create<SignalsState>()(() => ({ sources: null, settings: null }));

/** Keeps the sources list when the engine answers with it; returns the reply for the caller's own message. */
function keepSources<T extends SignalSourceView[]>(reply: Reply<T>): Reply<T> {
  if (reply.ok) useSignals.setState({ sources: reply.value });
  return reply;
}

function keepSettings(reply: Reply<SignalSettingsView>): Reply<SignalSettingsView> {
  if (reply.ok) useSignals.setState({ settings: reply.value });
  return reply;
}

/** The signals desk's calls (src/contract/api.ts `signals.*`). Every one answers the engine's Reply, refusals verbatim. */
export const signals = {
  sentiment: (instrument: string) => bridge().call('signals.sentiment', { instrument }),
  list: (instruments: string[]) => bridge().call('signals.list', { instruments }),
  overlay: (instrument: string, since?: number) => bridge().call('signals.overlay', { instrument, ...(since !== undefined ? { since } : {}) }),
  trainOrderFlow: (instrument: string) => bridge().call('signals.trainOrderFlow', { instrument }),

  loadSources: async () => keepSources(await bridge().call('signals.sources', {})),
  addSource: async (ticket: SignalSourceTicket) => keepSources(await bridge().call('signals.addSource', ticket)),
  removeSource: async (id: string) => keepSources(await bridge().call('signals.removeSource', { id })),
  setSourceEnabled: async (id: string, enabled: boolean) => keepSources(await bridge().call('signals.setSourceEnabled', { id, enabled })),
  /** Polls one source now; its new status replaces the old one in the list. */
  pollSource: async (id: string) => {
    const reply = await bridge().call('signals.pollSource', { id });
    if (reply.ok) useSignals.setState((s) => ({ sources: s.sources?.map((x) => (x.id === id ? reply.value : x)) ?? null }));
    return reply;
  },

  loadSettings: async () => keepSettings(await bridge().call('signals.settings', {})),
  setWeights: async (weights: Record<string, number>) => keepSettings(await bridge().call('signals.setWeights', { weights })),
  addAlert: async (rule: AlertInput) => keepSettings(await bridge().call('signals.addAlert', rule)),
  removeAlert: async (id: string) => keepSettings(await bridge().call('signals.removeAlert', { id })),

  /** A source's status changed in the engine (event). */
  applySources(list: SignalSourceView[]): void {
    useSignals.setState({ sources: list });
  },

  /**
   * An alert fired: a toast in this window; in a browser that was granted notifications, also a system
   * notification (Electron's main process raises its own, so the desktop app does not get two).
   */
  applyAlert(alert: SignalAlertView): void {
    toasts.show({
      key: `signal-alert:${alert.ruleId}`,
      tone: alert.direction === 'above' ? 'good' : 'bad',
      title: `${alert.instrument} ${componentLabel(alert.signal)} ${alert.direction} ${thresholdText(alert.threshold)}`,
      body: alert.message,
    });
    if (window.sq === undefined && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      try {
        new Notification(`Signal alert: ${alert.instrument}`, { body: alert.message, tag: `signal-alert:${alert.ruleId}` });
      } catch {
        // Some browsers allow notifications only from a service worker: the toast has said it already.
      }
    }
  },
};
