/**
 * The toast stack's rules, pure: newest on top, at most `max` shown (the oldest go first), a repeat of a toast
 * still on screen (same key) replaces it rather than stacking copies. Any notice can use it: signal alerts now,
 * fills and rejections later.
 */
export type ToastTone = 'info' | 'good' | 'bad' | 'warn';

export interface Toast {
  id: number;
  /** Same key = same news: a new one replaces the old instead of stacking (an alert that fires again). */
  key?: string;
  tone: ToastTone;
  title: string;
  body?: string;
  /** How long it stays, in ms; errors are worth longer. */
  ttlMs: number;
  /** 'alert' interrupts a screen reader (a rejection); 'status' waits its turn (most news). */
  urgency: 'status' | 'alert';
}

export const MAX_TOASTS = 4;
export const TOAST_TTL_MS = 8000;

export function pushToast(stack: readonly Toast[], toast: Toast, max = MAX_TOASTS): Toast[] {
  const rest = toast.key === undefined ? stack : stack.filter((t) => t.key !== toast.key);
  return [toast, ...rest].slice(0, Math.max(1, max));
}

export function dropToast(stack: readonly Toast[], id: number): Toast[] {
  return stack.some((t) => t.id === id) ? stack.filter((t) => t.id !== id) : (stack as Toast[]);
}
