import type { Bridge, Timeframe } from '../../contract/api';
import { candleSeries, seriesKey } from './candleSeries';
import { chartTimeframe, useChartTimeframes } from './chartTimeframes';
import { instrumentMarkets } from './instrumentMarkets';
import { panelInstrument, useLinking } from './linking';
import { type Focus, FOCUS_TIMEFRAME, useMarket } from './market';
import { drawsCandles, onShownPanelsChange, shownPanels } from './panelMarket';
import { instrumentKey } from './reducers';
import { useSession } from './session';

/** Levels per side asked for a watched book: as for the focus (the depth chart draws 50). */
const BOOK_DEPTH = 50;

/** What the panels on screen need of one instrument: its book and trades (not the focus's), its charts' timeframes. */
interface Want {
  inst: Focus;
  /** Its book and trades are kept in state/instrumentMarkets.ts (the focus's come with market.focus). */
  book: boolean;
  timeframes: Set<Timeframe>;
}

/**
 * Keeps the engine streaming what the panels on screen draw besides the focus's book and trades: the
 * instruments of other link groups (a green chart and ladder on ETH while red shows BTC) and every chart's
 * candles of its own timeframe (a 1m and a 5m chart of BTC side by side read two series). `market.watch` per
 * (instrument, timeframe) when one appears (its snapshot fills the chart), `market.unwatch` of that timeframe
 * when no chart draws it any more (the engine ends the instrument's watch with its last), all again on
 * reconnect (the engine forgets a view's watches with its session). Events land in state/instrumentMarkets.ts
 * (book, trades) and state/candleSeries.ts (candles). Returns a function that stops it.
 */
export function startLinkedWatches(b: Bridge): () => void {
  /** The (instrument, timeframe) streams asked of the engine, by series key; the token tells a stale answer. */
  const watching = new Map<string, { inst: Focus; timeframe: Timeframe; token: number }>();
  /** Instruments whose book and trades are kept here (shown, not the focus). */
  const books = new Map<string, Focus>();
  let token = 0;
  let connected = false;

  const wanted = (): Map<string, Want> => {
    const { focus } = useMarket.getState();
    const links = useLinking.getState();
    const out = new Map<string, Want>();
    for (const panel of shownPanels()) {
      const inst = panelInstrument(links, focus, panel);
      const key = instrumentKey(inst.venue, inst.symbol);
      const w = out.get(key) ?? { inst, book: inst.venue !== focus.venue || inst.symbol !== focus.symbol, timeframes: new Set<Timeframe>() };
      if (drawsCandles(panel)) w.timeframes.add(chartTimeframe(panel));
      out.set(key, w);
    }
    for (const [key, w] of out) {
      // The focus's book and trades come with market.focus: only its charts' candles are watched.
      if (!w.book && w.timeframes.size === 0) out.delete(key);
      // A watch streams at least one timeframe: a ladder alone on an instrument takes the focus's.
      else if (w.timeframes.size === 0) w.timeframes.add(FOCUS_TIMEFRAME);
    }
    return out;
  };

  const reconcile = () => {
    if (!connected) return;
    const want = wanted();
    // New streams first, then the ones let go: a chart moving from 1m to 5m never ends its instrument's watch between.
    for (const [key, w] of want) {
      const fresh = w.book && !books.has(key);
      if (fresh) {
        books.set(key, w.inst);
        instrumentMarkets.open(w.inst.venue, w.inst.symbol);
      }
      let first = fresh;
      for (const timeframe of w.timeframes) {
        const sk = seriesKey(w.inst.venue, w.inst.symbol, timeframe);
        if (watching.has(sk)) continue;
        const mine = ++token;
        const inst = w.inst;
        // One snapshot (the first asked for a new instrument) fills its book and trades; each fills its own series.
        const fillsBook = first;
        first = false;
        watching.set(sk, { inst, timeframe, token: mine });
        candleSeries.open(inst.venue, inst.symbol, timeframe);
        void b.call('market.watch', { venue: inst.venue, symbol: inst.symbol, timeframe, depth: BOOK_DEPTH }).then((reply) => {
          // Let go (or asked again) meanwhile: this answer is stale.
          if (watching.get(sk)?.token !== mine) return;
          if (!reply.ok) {
            useSession.setState({ lastError: `${inst.symbol} ${timeframe} not shown: ${reply.error.message}` });
            return;
          }
          candleSeries.load(inst.venue, inst.symbol, timeframe, reply.value.candles);
          if (fillsBook && books.has(key)) instrumentMarkets.loadSnapshot(inst.venue, inst.symbol, reply.value);
        });
      }
    }
    for (const [sk, w] of watching) {
      if (want.get(instrumentKey(w.inst.venue, w.inst.symbol))?.timeframes.has(w.timeframe)) continue;
      watching.delete(sk);
      candleSeries.close(w.inst.venue, w.inst.symbol, w.timeframe);
      void b.call('market.unwatch', { venue: w.inst.venue, symbol: w.inst.symbol, timeframe: w.timeframe });
    }
    for (const [key, inst] of books) {
      if (want.get(key)?.book) continue;
      books.delete(key);
      instrumentMarkets.close(inst.venue, inst.symbol);
    }
  };

  const offs = [
    b.on('book', (book) => instrumentMarkets.setBook(book)),
    b.on('candle', (e) => candleSeries.add(e.venue, e.symbol, e.timeframe, e.candle)),
    b.on('trades', (e) => instrumentMarkets.addTrades(e.venue, e.symbol, e.trades)),
    useLinking.subscribe(reconcile),
    useChartTimeframes.subscribe(reconcile),
    useMarket.subscribe((s, prev) => {
      if (s.focus !== prev.focus) reconcile();
    }),
    onShownPanelsChange(reconcile),
    b.onConnection((up) => {
      if (up === connected) return;
      connected = up;
      // The engine ended our watches with the old session: every one is asked again.
      watching.clear();
      books.clear();
      if (up) {
        instrumentMarkets.clearAll();
        candleSeries.clearAll();
        reconcile();
      }
    }),
  ];
  return () => offs.forEach((off) => off());
}

