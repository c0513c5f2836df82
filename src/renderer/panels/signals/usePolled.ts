import { useEffect, useRef, useState } from 'react';
import type { Reply } from '../../../contract/api';

/**
 * Asks `read` while `active`, every `everyMs` after the previous answer (so a slow engine is never queued up),
 * and stops when the panel leaves the screen or `key` changes. An answer for a key no longer asked for is
 * dropped; a refusal keeps the last good value on screen beside the error.
 */
export function usePolled<T>(key: string | undefined, active: boolean, everyMs: number, read: () => Promise<Reply<T>>): { value: T | undefined; error: string | undefined } {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const current = useRef(key);
  current.current = key;
  const readRef = useRef(read);
  readRef.current = read;
  // A new key shows nothing of the old one.
  useEffect(() => {
    setValue(undefined);
    setError(undefined);
  }, [key]);
  useEffect(() => {
    if (!active || key === undefined) return;
    let live = true;
    let timer: number | undefined;
    const ask = () => {
      void readRef.current().then((r) => {
        if (!live || current.current !== key) return;
        if (r.ok) {
          setValue(r.value);
          setError(undefined);
        } else setError(r.error.message);
        timer = window.setTimeout(ask, everyMs);
      });
    };
    ask();
    return () => {
      live = false;
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [active, key, everyMs]);
  return { value, error };
}
