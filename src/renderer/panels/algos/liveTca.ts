import { useEffect, useRef } from 'react';
import type { AlgoView } from '../../../contract/api';
import { bridge } from '../../state/bridgeRef';
import { useAlgos } from '../../state/algos';

/** The open TCA is asked again at most this often however fast the algo's events come (a sweep can emit several a second). */
export const TCA_REFRESH_MIN_MS = 1_000;
/** ...and at least this often while the algo is live: a sweep that sends nothing emits no event, yet its reasons change. */
export const TCA_REFRESH_EVERY_MS = 2_000;

const FINAL = new Set(['completed', 'canceled', 'failed']);

/**
 * Keeps the open TCA current while its algo runs: asked again on the algo's own events (throttled to one
 * request per TCA_REFRESH_MIN_MS, the last event never dropped) and on a timer, so a trader watching a
 * running Smart order sees its fills and its "Left out: ..." change without reopening the view. The
 * report on screen stays until the new one arrives (no flash of "Loading…"); a refresh that fails keeps it.
 */
export function useLiveTca(id: string, view: AlgoView | undefined): void {
  const live = view !== undefined && !FINAL.has(view.state);
  const state = useRef({ id, last: 0, inFlight: false, pending: undefined as ReturnType<typeof setTimeout> | undefined, shown: true });

  // Opening (or switching to) an algo's TCA: openTca has just asked, so the throttle starts now.
  useEffect(() => {
    const s = state.current;
    s.id = id;
    s.last = Date.now();
    s.shown = true;
    return () => {
      s.shown = false;
      if (s.pending !== undefined) clearTimeout(s.pending);
      s.pending = undefined;
    };
  }, [id]);

  useEffect(() => {
    const s = state.current;
    const fetchNow = async (): Promise<void> => {
      if (s.inFlight || !s.shown) return;
      const asked = s.id;
      s.inFlight = true;
      s.last = Date.now();
      try {
        const reply = await bridge().call('algos.tca', { id: asked });
        // Only into the view it was asked for; a failed refresh keeps the report on screen.
        if (s.shown && useAlgos.getState().tca?.id === asked && reply.ok) useAlgos.setState({ tca: { id: asked, report: reply.value } });
      } finally {
        s.inFlight = false;
      }
    };
    const refresh = (): void => {
      const wait = s.last + TCA_REFRESH_MIN_MS - Date.now();
      if (wait <= 0) return void fetchNow();
      s.pending ??= setTimeout(() => {
        s.pending = undefined;
        void fetchNow();
      }, wait);
    };
    // Each new view of the algo (one of its events) is a reason to ask again.
    if (view !== undefined) refresh();
    const timer = live ? setInterval(refresh, TCA_REFRESH_EVERY_MS) : undefined;
    return () => {
      if (timer !== undefined) clearInterval(timer);
    };
  }, [view, live]);
}
