import type { Notice } from '../contract';

/** What of Electron's `Notification` this needs (the class itself in the app; injected so it can be tested). */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent: boolean }): { show(): void };
}

/** Where notices come from: the engine's event bus (Terminal.events). */
export interface NoticeSource {
  on(event: 'notice', listener: (notice: Notice) => void): () => void;
}

/**
 * Fired price and analytics alerts as OS notifications from the main process, so they are seen with
 * the window closed or hidden. The rule's sound flag decides whether the OS plays its sound. Fills,
 * rejections and breaker trips are toasts in the window, not OS notifications. Returns the unsubscribe;
 * does nothing where the OS has no notifications (logged once by the caller through `unsupported`).
 */
export function showAlertNotifications(source: NoticeSource, Notification: NotificationClass, unsupported: () => void = () => {}): () => void {
  if (!Notification.isSupported()) {
    unsupported();
    return () => {};
  }
  return source.on('notice', (notice) => {
    if (notice.kind !== 'alert') return;
    new Notification({ title: notice.title, body: notice.text, silent: notice.sound !== true }).show();
  });
}
