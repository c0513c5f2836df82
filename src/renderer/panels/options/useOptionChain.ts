import { useEffect, useRef, useState } from 'react';
import type { OptionChainView, OptionUnderlyingView } from '../../../contract/api';
import { useMarket } from '../../state/market';
import { closeChain, listUnderlyings, readChain } from '../../state/optionChainActions';
import { CHAIN_POLL_MS } from '../../view/optionChain';

export interface ChainChoice {
  venue: string;
  underlying: string;
  expiry?: number;
  /** The trader's rate (a fraction); absent: the venue's setting. */
  rate?: number;
}

/** The underlyings with options, read when the panel is shown and whenever the instrument list changes. */
export function useUnderlyings(visible: boolean): { underlyings: OptionUnderlyingView[] | undefined; error: string | undefined } {
  const instruments = useMarket((s) => s.instruments);
  const [underlyings, setUnderlyings] = useState<OptionUnderlyingView[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!visible) return;
    let live = true;
    void listUnderlyings().then((r) => {
      if (!live) return;
      if (r.ok) {
        setUnderlyings(r.value);
        setError(undefined);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [visible, instruments]);
  return { underlyings, error };
}

/**
 * The chosen chain, asked for every CHAIN_POLL_MS while on screen (each ask after the previous answer,
 * so a slow engine is never queued up); the engine streams its instruments meanwhile and stops when the
 * panel hides.
 */
export function useOptionChain(choice: ChainChoice | undefined, visible: boolean): { chain: OptionChainView | undefined; error: string | undefined } {
  const [chain, setChain] = useState<OptionChainView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const key = choice ? `${choice.venue}\u0000${choice.underlying}\u0000${choice.expiry ?? ''}\u0000${choice.rate ?? ''}` : '';
  const current = useRef(key);
  current.current = key;
  useEffect(() => {
    setChain(undefined);
    setError(undefined);
    if (!visible || !choice) return;
    let live = true;
    let timer: number | undefined;
    const ask = () => {
      void readChain(choice.venue, choice.underlying, choice.expiry, choice.rate).then((r) => {
        if (!live || current.current !== key) return;
        if (r.ok) {
          setChain(r.value);
          setError(undefined);
        } else setError(r.error.message);
        timer = window.setTimeout(ask, CHAIN_POLL_MS);
      });
    };
    ask();
    return () => {
      live = false;
      if (timer !== undefined) window.clearTimeout(timer);
      closeChain();
    };
  }, [visible, key]); // eslint-disable-line react-hooks/exhaustive-deps
  return { chain, error };
}
