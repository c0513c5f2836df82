import { useEffect } from 'react';
import { create } from 'zustand';
import type { AlgoPreview, AlgoView, CallInput, ConsolidatedBookView, Reply, TcaReport } from '../../contract/api';
import { bridge } from './bridgeRef';

interface AlgosStore {
  /** Every parent, newest first. */
  algos: AlgoView[];
  /** The parent whose TCA is open, and its report (null while loading or on error). */
  tca: { id: string; report: TcaReport | null; error?: string } | null;
}

export const useAlgos = create<AlgosStore>()(() => ({ algos: [], tca: null }));

/** A parent's newer view replaces the older one (updatedAt), new ones go first. */
export function applyAlgo(list: readonly AlgoView[], view: AlgoView): AlgoView[] {
  const i = list.findIndex((a) => a.id === view.id);
  if (i < 0) return [view, ...list].sort((a, b) => b.createdAt - a.createdAt);
  if (list[i]!.updatedAt > view.updatedAt) return list as AlgoView[];
  const next = list.slice();
  next[i] = view;
  return next;
}

export const algos = {
  apply(view: AlgoView): void {
    useAlgos.setState((s) => ({ algos: applyAlgo(s.algos, view) }));
  },
  async reload(): Promise<void> {
    const reply = await bridge().call('algos.list', {});
    if (reply.ok) useAlgos.setState({ algos: reply.value });
  },
  async start(ticket: CallInput<'algos.start'>): Promise<Reply<AlgoView>> {
    const reply = await bridge().call('algos.start', ticket);
    if (reply.ok) algos.apply(reply.value);
    return reply;
  },
  preview(ticket: CallInput<'algos.preview'>): Promise<Reply<AlgoPreview>> {
    return bridge().call('algos.preview', ticket);
  },
  async act(action: 'pause' | 'resume' | 'cancel', id: string): Promise<Reply<AlgoView>> {
    const reply = await bridge().call(`algos.${action}`, { id });
    if (reply.ok) algos.apply(reply.value);
    return reply;
  },
  async openTca(id: string): Promise<void> {
    useAlgos.setState({ tca: { id, report: null } });
    const reply = await bridge().call('algos.tca', { id });
    if (useAlgos.getState().tca?.id !== id) return;
    useAlgos.setState({ tca: reply.ok ? { id, report: reply.value } : { id, report: null, error: reply.error.message } });
  },
  closeTca(): void {
    useAlgos.setState({ tca: null });
  },
  tcaCsv(kind: 'parents' | 'children', id?: string): Promise<Reply<{ filename: string; csv: string }>> {
    return bridge().call('algos.tcaCsv', id === undefined ? { kind } : { kind, id });
  },
  consolidatedBook(venues: string[], symbol: string): Promise<Reply<ConsolidatedBookView>> {
    return bridge().call('algos.consolidatedBook', { venues, symbol, depth: 12 });
  },
};

/** Keeps the algos in step while a panel showing them is mounted: the list at (re)connect, then `algo` events. */
export function useAlgosSync(): void {
  useEffect(() => {
    const b = bridge();
    void algos.reload();
    const offEvent = b.on('algo', (view) => algos.apply(view));
    const offConn = b.onConnection((up) => {
      if (up) void algos.reload();
    });
    return () => {
      offEvent();
      offConn();
    };
  }, []);
}
