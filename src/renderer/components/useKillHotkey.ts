import { useEffect } from 'react';
import { engageKill } from '../state/actions';

/** Ctrl+Shift+K (Cmd+Shift+K on a Mac) engages the kill switch wherever the focus is. */
export function useKillHotkey(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        void engageKill('hotkey');
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
