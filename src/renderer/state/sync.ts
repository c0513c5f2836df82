import type { Bridge } from '../../contract/api';
import type { Instrument } from '../../contract/api';
import { account } from './account';
import { alerts } from './alerts';
import { analytics } from './analytics';
import { balances } from './balances';
import { portfolioGreeks } from './portfolioGreeks';
import { findInstrument, market, useMarket } from './market';
import { keepFocused } from '../view/partialInstruments';
import { startLinkedWatches } from './linkedWatches';
import { orderHistory } from './orderHistory';
import { subscribeMarketView } from './panelMarket';
import { orderNotices } from './orderNotices';
import { preferences } from './preferences';
import { isFocused } from './reducers';
import { risk } from './risk';
import { settings } from './settings';
import { signals } from './signals';
import { useSession } from './session';
import { ticket } from './ticket';
import { vault } from './vault';

const PING_EVERY_MS = 2000;
/** Levels per side asked of the engine: the depth chart draws 50, the ladder shows the top ~20 of them. */
const BOOK_DEPTH = 50;

/**
 * Keeps the stores in step with the engine: events update them as they come, and every (re)connect
 * reloads everything, since events missed while away are gone. Returns a function that stops it.
 */
export function startSync(b: Bridge): () => void {
  const offs: (() => void)[] = [];
  let focusToken = 0;
  let connected = false;

  const note = (what: string, reply: { ok: boolean; error?: { message: string } }): boolean => {
    if (!reply.ok) useSession.setState({ lastError: `${what}: ${reply.error?.message ?? 'failed'}` });
    return reply.ok;
  };

  /** Asks the engine for the focused instrument's market and shows it, unless the focus moved on meanwhile. */
  async function refocus(): Promise<void> {
    const token = ++focusToken;
    const { focus } = useMarket.getState();
    market.clear();
    // Its book and trades only (no timeframe: no candle history or stream); the charts' candles stream per chart
    // timeframe (state/linkedWatches.ts).
    const reply = await b.call('market.focus', { venue: focus.venue, symbol: focus.symbol, depth: BOOK_DEPTH });
    if (token !== focusToken) return;
    if (note('market', reply) && reply.ok) {
      market.loadSnapshot(reply.value);
      if (reply.value.analytics && isFocused(reply.value.analytics, focus.venue, focus.symbol)) analytics.apply(reply.value.analytics);
    }
  }

  /**
   * A new instrument list (at connect, or when an account connected or went away): a focus that is no
   * longer listed moves to the first instrument, so the screen never shows a market nobody serves. An
   * instrument of a partial venue picked from a search stays (the engine's list with it is on its way).
   */
  function applyInstruments(engineList: Instrument[]): void {
    const { instruments: previous, partial, focus: current } = useMarket.getState();
    const list = keepFocused(engineList, previous, partial, current);
    market.setInstruments(list);
    const { focus } = useMarket.getState();
    const first = list[0];
    if (!findInstrument(list, focus.venue, focus.symbol) && first) {
      market.setFocus({ venue: first.venue, symbol: first.symbol }); // refocuses through the subscription
    }
  }

  async function reloadAll(): Promise<void> {
    // Beside the rest, not awaited with it: an engine without portfolio Greeks still loads everything else.
    void b.call('portfolio.greeks', {}).then((r) => r.ok && portfolioGreeks.apply(r.value));
    const [partial, instruments, orders, fills, positions, kill, status, riskState, accounts, balanceViews, watchlists, prefs] = await Promise.all([
      b.call('instruments.partial', {}),
      b.call('instruments.list', {}),
      b.call('orders.list', { limit: 1000 }),
      b.call('fills.list', { limit: 1000 }),
      b.call('positions.list', {}),
      b.call('kill.state', {}),
      b.call('status.get', {}),
      b.call('risk.state', {}),
      b.call('accounts.state', {}),
      b.call('balances.list', {}),
      b.call('watchlist.get', {}),
      b.call('preferences.get', {}),
    ]);
    // An engine older than partial lists does not know the call: every list it sends is whole.
    market.setPartial(partial.ok ? partial.value : []);
    if (note('instruments', instruments) && instruments.ok) applyInstruments(instruments.value);
    if (note('orders', orders) && orders.ok) account.loadOrders(orders.value);
    if (note('fills', fills) && fills.ok) account.loadFills(fills.value);
    if (note('positions', positions) && positions.ok) account.loadPositions(positions.value);
    if (note('kill switch', kill) && kill.ok) account.setKill(kill.value);
    if (note('status', status) && status.ok) useSession.setState({ status: status.value });
    if (note('risk', riskState) && riskState.ok) risk.load(riskState.value);
    if (note('accounts', accounts) && accounts.ok) vault.apply(accounts.value);
    if (note('balances', balanceViews) && balanceViews.ok) balances.load(balanceViews.value);
    if (note('watchlist', watchlists) && watchlists.ok) preferences.loadWatchlists(watchlists.value);
    if (note('preferences', prefs) && prefs.ok) preferences.loadConfirm(prefs.value.confirmProductionOrders);
    // The Settings screen's choices (issue 18): an engine without them keeps the defaults.
    void b.call('settings.get', {}).then((r) => r.ok && settings.load(r.value));
    void alerts.reload();
    await refocus();
  }

  async function ping(): Promise<void> {
    if (!connected) return;
    const sentAt = performance.now();
    const sentWall = Date.now();
    const reply = await b.call('system.ping', {});
    const rtt = performance.now() - sentAt;
    if (reply.ok) {
      useSession.setState({ latencyMs: rtt, engineOffsetMs: reply.value.serverTime - (sentWall + rtt / 2) });
    } else {
      useSession.setState({ latencyMs: null });
    }
  }

  offs.push(
    b.on('book', (book) => {
      const { focus } = useMarket.getState();
      if (isFocused(book, focus.venue, focus.symbol)) market.setBook(book);
    }),
    b.on('trades', (e) => {
      const { focus } = useMarket.getState();
      if (isFocused(e, focus.venue, focus.symbol)) market.addTrades(e.trades);
    }),
    b.on('analytics', (a) => {
      const { focus } = useMarket.getState();
      if (isFocused(a, focus.venue, focus.symbol)) analytics.apply(a);
    }),
    b.on('order', (o) => account.applyOrder(o)),
    b.on('fill', (f) => account.applyFill(f)),
    b.on('audit', (e) => {
      orderHistory.applyAudit(e);
      orderNotices.applyAudit(e);
    }),
    b.on('position', (p) => account.applyPosition(p)),
    b.on('kill', (k) => account.setKill(k)),
    b.on('risk', (r) => risk.apply(r)),
    b.on('status', (s) => useSession.setState({ status: s })),
    b.on('accounts', (a) => vault.apply(a)),
    b.on('balances', (v) => balances.apply(v)),
    // The engine sends which venues are partial just before each list.
    b.on('instrumentsPartial', (partial) => market.setPartial(partial)),
    b.on('instruments', (list) => applyInstruments(list)),
    b.on('portfolioGreeks', (view) => portfolioGreeks.apply(view)),
    // Signals (issue 16): alerts become toasts; source status changes keep the Sources list current.
    b.on('signalAlert', (alert) => signals.applyAlert(alert)),
    b.on('signalSources', (list) => signals.applySources(list)),
    // Alerts and notices (issue 18): every notice is a toast; an alert also refreshes the Alerts panel.
    b.on('notice', (n) => alerts.applyNotice(n)),
  );

  offs.push(
    useMarket.subscribe((s, prev) => {
      const instrumentChanged = s.focus !== prev.focus;
      if (instrumentChanged) analytics.reset();
      if (instrumentChanged && connected) void refocus();
    }),
  );

  // The ticket's instrument changed (the focus moved, or its link group picked another): nothing of the last
  // one's order carries over. Synchronously, so that a price picked with the change (the option chain's
  // quotes) is set on the new instrument after the reset, never wiped by it.
  offs.push(
    subscribeMarketView('ticket', (view, prev) => {
      if (view.focus.venue !== prev.focus.venue || view.focus.symbol !== prev.focus.symbol) ticket.resetForInstrument();
    }),
  );

  offs.push(
    b.onConnection((up) => {
      if (up === connected) return;
      connected = up;
      useSession.setState(up ? { connected: true, everConnected: true, lastError: null } : { connected: false, latencyMs: null });
      if (up) {
        alerts.resetSequence();
        void reloadAll();
        orderHistory.reload();
        void ping();
      }
    }),
  );

  // Instruments of other link groups on screen, streamed beside the focus (issue 18, linking).
  offs.push(startLinkedWatches(b));

  const timer = setInterval(() => void ping(), PING_EVERY_MS);
  offs.push(() => clearInterval(timer));

  return () => offs.forEach((off) => off());
}
