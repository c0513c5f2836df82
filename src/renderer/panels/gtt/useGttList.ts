import { useCallback, useEffect, useRef, useState } from 'react';
import type { GttChange, GttView } from '../../../contract/api';
import { listGtts } from '../../state/gttActions';
import { GTT_REFRESH_MS } from '../../view/gtt';

export interface GttList {
  gtts: GttView[] | undefined;
  /** Why the last read failed (Kite's words, or the account not connected). */
  error: string | undefined;
  loading: boolean;
  refresh(): void;
  /** A change's answer: its list read again after it, or why that read failed. */
  applyChange(change: GttChange): void;
}

/**
 * One account's GTTs, read when the panel is shown or the account changes, again every
 * GTT_REFRESH_MS while it stays on screen, and on demand; never while hidden (Kite's rate limit is
 * shared with everything else the account does).
 */
export function useGttList(venue: string | undefined, visible: boolean): GttList {
  const [gtts, setGtts] = useState<GttView[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  // Answers for an account no longer shown are dropped.
  const current = useRef(venue);
  current.current = venue;

  const refresh = useCallback(() => {
    if (venue === undefined) return;
    setLoading(true);
    void listGtts(venue).then((reply) => {
      if (current.current !== venue) return;
      setLoading(false);
      if (reply.ok) {
        setGtts(reply.value);
        setError(undefined);
      } else setError(reply.error.message);
    });
  }, [venue]);

  useEffect(() => {
    setGtts(undefined);
    setError(undefined);
  }, [venue]);

  useEffect(() => {
    if (!visible || venue === undefined) return;
    refresh();
    const timer = window.setInterval(refresh, GTT_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [visible, venue, refresh]);

  const applyChange = useCallback(
    (change: GttChange) => {
      if (change.venue !== current.current) return;
      if (change.gtts) {
        setGtts(change.gtts);
        setError(undefined);
      } else setError(`the list could not be read again: ${change.listError ?? 'no answer'}`);
    },
    [],
  );

  return { gtts, error, loading, refresh, applyChange };
}
