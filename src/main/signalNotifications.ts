/**
 * Signal alerts as OS notifications (Electron main only; the browser view shows its own toast). Only where
 * the platform supports them: elsewhere the toast is the alert.
 */
import type { SignalAlertView } from '../contract';

/** The part of Electron's Notification this needs (injected, so the shape is typed and testable). */
export interface NotificationApi {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent?: boolean }): { show(): void };
}

/** Subscribes to alerts and raises one notification each; returns the unsubscribe. */
export function notifySignalAlerts(onAlert: (listener: (alert: SignalAlertView) => void) => () => void, Notification: NotificationApi): () => void {
  if (!Notification.isSupported()) return () => {};
  return onAlert((alert) => new Notification({ title: `Signal alert: ${alert.instrument}`, body: alert.message }).show());
}
