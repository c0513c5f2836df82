import { create } from 'zustand';
import type { AlertFiredView, AlertRuleView, AlertTicket, Notice } from '../../contract/api';
import { isNewNotice, noticeToast } from '../view/alerts';
import { beep } from '../components/beep';
import { bridge } from './bridgeRef';
import { useSettings } from './settings';
import { toasts, useToasts } from './toasts';

interface AlertsStore {
  rules: AlertRuleView[];
  /** Newest first, as the engine keeps it. */
  log: AlertFiredView[];
  loadProblem?: string;
  /** The last error of a list/remove/re-arm call, in the engine's words. */
  error: string | null;
  /** The browser's notification permission (headless only; the desktop app's main process notifies). */
  permission: NotificationPermission | 'unsupported' | 'desktop';
}

function currentPermission(): AlertsStore['permission'] {
  if (typeof window !== 'undefined' && window.sq !== undefined) return 'desktop';
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

export const useAlerts = create<AlertsStore>()(() => ({ rules: [], log: [], error: null, permission: currentPermission() }));

const LOG_LIMIT = 200;
let lastSeq = 0;
/** Per fill-group toast: which toast tells it and how many fills it counts so far. */
const fillGroups = new Map<string, { toastId: number; count: number }>();

function showDesktop(n: Notice): void {
  if (useAlerts.getState().permission !== 'granted') return;
  try {
    new Notification(n.title, { body: n.text, tag: `alert:${n.alertId ?? n.seq}`, silent: n.sound !== true });
  } catch {
    // Some browsers allow notifications only from a service worker: the toast has said it already.
  }
}

export const alerts = {
  async reload(): Promise<void> {
    const [list, log] = await Promise.all([bridge().call('alerts.list', {}), bridge().call('alerts.log', { limit: LOG_LIMIT })]);
    if (list.ok) useAlerts.setState({ rules: list.value.rules, loadProblem: list.value.loadProblem, error: null });
    else useAlerts.setState({ error: list.error.message });
    if (log.ok) useAlerts.setState({ log: log.value });
  },

  /** Adds a rule; the engine's refusal comes back word for word for the form to show. */
  async add(ticket: AlertTicket): Promise<{ ok: true } | { ok: false; message: string }> {
    const reply = await bridge().call('alerts.add', ticket);
    if (!reply.ok) return { ok: false, message: reply.error.message };
    useAlerts.setState((s) => ({ rules: [...s.rules.filter((r) => r.id !== reply.value.id), reply.value] }));
    // A rule that is already met (`above` a level below the last price) fires at once: its log entry too.
    void alerts.reload();
    return { ok: true };
  },

  async remove(id: string): Promise<void> {
    const reply = await bridge().call('alerts.remove', { id });
    if (reply.ok) useAlerts.setState({ rules: reply.value.rules, error: null });
    else useAlerts.setState({ error: reply.error.message });
  },

  async rearm(id: string): Promise<void> {
    const reply = await bridge().call('alerts.rearm', { id });
    if (reply.ok) useAlerts.setState((s) => ({ rules: s.rules.map((r) => (r.id === id ? reply.value : r)), error: null }));
    else useAlerts.setState({ error: reply.error.message });
  },

  /** Asks the browser for permission to show desktop notifications (only on a click: browsers require it). */
  async askPermission(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    const answer = await Notification.requestPermission();
    useAlerts.setState({ permission: answer });
  },

  /** A `notice` from the engine: a toast (fills of one instrument grouped), and for alerts the rest. */
  applyNotice(n: Notice): void {
    if (!isNewNotice(lastSeq, n)) return;
    lastSeq = n.seq;
    let fillsSoFar = 0;
    if (n.kind === 'fill') {
      const key = `fills:${n.venue}:${n.symbol ?? ''}`;
      const group = fillGroups.get(key);
      if (group && useToasts.getState().toasts.some((t) => t.id === group.toastId)) fillsSoFar = group.count;
      const id = toasts.show(noticeToast(n, fillsSoFar));
      fillGroups.set(key, { toastId: id, count: fillsSoFar + 1 });
      return;
    }
    toasts.show(noticeToast(n));
    if (n.kind !== 'alert') return;
    showDesktop(n);
    // The desktop app's OS notification plays the system sound itself; a browser gets a short beep.
    if (n.sound === true && window.sq === undefined && useSettings.getState().settings.sounds) beep();
    void alerts.reload();
  },

  /** The engine restarted (its notice numbers start again at 1). */
  resetSequence(): void {
    lastSeq = 0;
  },
};
