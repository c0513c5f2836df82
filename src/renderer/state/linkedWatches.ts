import type { Bridge } from '../../contract/api';
import { instrumentMarkets } from './instrumentMarkets';
import { panelInstrument, useLinking } from './linking';
import { type Focus, useMarket } from './market';
import { onShownPanelsChange, shownPanels } from './panelMarket';
import { instrumentKey } from './reducers';
import { useSession } from './session';

/** Levels per side asked for a watched book: as for the focus (the depth chart draws 50). */
const BOOK_DEPTH = 50;

/**
 * Keeps the engine streaming, beside the focus, the instruments that panels on screen show through other
 * link groups (a green chart on ETH while red shows BTC): `market.watch` when one appears (its snapshot
 * fills the panel), `market.unwatch` when no panel shows it any more, all again on reconnect (the engine
 * forgets a view's watches with its session) and on a new timeframe. Events of watched instruments land
 * in state/instrumentMarkets.ts. Returns a function that stops it.
 */
export function startLinkedWatches(b: Bridge): () => void {
  /** What the engine streams to us now (or was asked to), with the timeframe asked. */
  const watching = new Map<string, { inst: Focus; timeframe: string; token: number }>();
  let token = 0;
  let connected = false;

  const wanted = (): Map<string, Focus> => {
    const { focus } = useMarket.getState();
    const links = useLinking.getState();
    const out = new Map<string, Focus>();
    for (const panel of shownPanels()) {
      const inst = panelInstrument(links, focus, panel);
      if (inst.venue === focus.venue && inst.symbol === focus.symbol) continue;
      out.set(instrumentKey(inst.venue, inst.symbol), inst);
    }
    return out;
  };

  const reconcile = () => {
    if (!connected) return;
    const want = wanted();
    const { timeframe } = useMarket.getState();
    for (const [key, w] of watching) {
      if (want.has(key)) continue;
      watching.delete(key);
      instrumentMarkets.close(w.inst.venue, w.inst.symbol);
      void b.call('market.unwatch', { venue: w.inst.venue, symbol: w.inst.symbol });
    }
    for (const [key, inst] of want) {
      const cur = watching.get(key);
      if (cur && cur.timeframe === timeframe) continue;
      const mine = ++token;
      watching.set(key, { inst, timeframe, token: mine });
      if (!cur) instrumentMarkets.open(inst.venue, inst.symbol);
      void b.call('market.watch', { venue: inst.venue, symbol: inst.symbol, timeframe, depth: BOOK_DEPTH }).then((reply) => {
        // A later ask (another timeframe, or let go meanwhile) wins over this answer.
        if (watching.get(key)?.token !== mine) return;
        if (reply.ok) instrumentMarkets.loadSnapshot(inst.venue, inst.symbol, reply.value);
        else useSession.setState({ lastError: `${inst.symbol} not shown: ${reply.error.message}` });
      });
    }
  };

  const offs = [
    b.on('book', (book) => instrumentMarkets.setBook(book)),
    b.on('candle', (e) => {
      const w = watching.get(instrumentKey(e.venue, e.symbol));
      if (w && w.timeframe === e.timeframe) instrumentMarkets.addCandle(e.venue, e.symbol, e.candle);
    }),
    b.on('trades', (e) => instrumentMarkets.addTrades(e.venue, e.symbol, e.trades)),
    useLinking.subscribe(reconcile),
    useMarket.subscribe((s, prev) => {
      if (s.focus !== prev.focus || s.timeframe !== prev.timeframe) reconcile();
    }),
    onShownPanelsChange(reconcile),
    b.onConnection((up) => {
      if (up === connected) return;
      connected = up;
      // The engine ended our watches with the old session: every one is asked again.
      watching.clear();
      if (up) {
        instrumentMarkets.clearAll();
        reconcile();
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}
