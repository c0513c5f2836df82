import { useEffect, useRef, useState } from 'react';
import type { OptionSurfaceView } from '../../../contract/api';
import { closeSurface, readSurface } from '../../state/optionSurfaceActions';
import { SURFACE_POLL_MS } from '../../view/smile';

/**
 * The chosen underlying's volatility surface, asked for every SURFACE_POLL_MS while on screen (each ask
 * after the previous answer); the engine streams its expiries meanwhile and stops when the view hides.
 */
export function useSurface(choice: { venue: string; underlying: string } | undefined, visible: boolean): { surface: OptionSurfaceView | undefined; error: string | undefined } {
  const [surface, setSurface] = useState<OptionSurfaceView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const key = choice ? `${choice.venue}\u0000${choice.underlying}` : '';
  const current = useRef(key);
  current.current = key;
  useEffect(() => {
    setSurface(undefined);
    setError(undefined);
    if (!visible || !choice) return;
    let live = true;
    let timer: number | undefined;
    const ask = () => {
      void readSurface(choice.venue, choice.underlying).then((r) => {
        if (!live || current.current !== key) return;
        if (r.ok) {
          setSurface(r.value);
          setError(undefined);
        } else setError(r.error.message);
        timer = window.setTimeout(ask, SURFACE_POLL_MS);
      });
    };
    ask();
    return () => {
      live = false;
      if (timer !== undefined) window.clearTimeout(timer);
      closeSurface();
    };
  }, [visible, key]); // eslint-disable-line react-hooks/exhaustive-deps
  return { surface, error };
}
