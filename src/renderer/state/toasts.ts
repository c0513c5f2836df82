import { create } from 'zustand';
import { dropToast, pushToast, type Toast, TOAST_TTL_MS } from '../view/toasts';

interface ToastState {
  toasts: Toast[];
}

export const useToasts = create<ToastState>()(() => ({ toasts: [] }));

let nextId = 1;

/** Short notices in the corner of the window (components/Toasts.tsx shows and dismisses them). */
export const toasts = {
  show(t: Omit<Toast, 'id' | 'ttlMs' | 'urgency'> & Partial<Pick<Toast, 'ttlMs' | 'urgency'>>): number {
    const id = nextId++;
    const toast: Toast = { ...t, id, ttlMs: t.ttlMs ?? TOAST_TTL_MS, urgency: t.urgency ?? 'status' };
    useToasts.setState((s) => ({ toasts: pushToast(s.toasts, toast) }));
    return id;
  },
  dismiss(id: number): void {
    useToasts.setState((s) => ({ toasts: dropToast(s.toasts, id) }));
  },
};
