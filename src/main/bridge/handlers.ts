import { timeframeSeconds } from '../../contract';
import { SqError } from '../../engine/core';
import { algoView, type Terminal } from '../../engine/terminal';
import type { Handlers } from './dispatcher';
import type { SessionRegistry } from './router';
import { MAX_WATCHED } from './session';
import { endViewersWithSessions } from './sessionResources';

/**
 * Each bridge call mapped onto the engine. Inputs arrive already parsed by the contract's schemas;
 * what a handler throws as SqError goes back to the caller as a structured error.
 */
export function createHandlers(terminal: Terminal, sessions: SessionRegistry): Handlers {
  // Every instrument any view looks at (its focus and its watches), once each at the deepest depth asked.
  const watchFocused = () => {
    const depth = new Map<string, { venue: string; symbol: string; depth: number }>();
    for (const w of sessions.all().flatMap((s) => s.looksAt())) {
      const key = `${w.venue}:${w.symbol}`;
      const seen = depth.get(key);
      if (!seen || seen.depth < w.depth) depth.set(key, { venue: w.venue, symbol: w.symbol, depth: w.depth });
    }
    terminal.watch([...depth.values()]);
  };
  // A view that went away stops costing the engine its books.
  sessions.onRemoved(watchFocused);
  // ...and stops holding the chains, surfaces and watchlists it opened.
  endViewersWithSessions(sessions, terminal);
  // ...and frees the panel it showed as a pop-out.
  sessions.onRemoved((session) => terminal.workspaces.viewClosed(session.id));

  return {
    'system.ping': () => ({ serverTime: terminal.status().engineTime, monotonicMs: performance.now() }),
    'status.get': () => terminal.status(),
    'instruments.list': () => terminal.instruments(),
    'instruments.partial': () => terminal.instrumentsPartial(),
    'instruments.search': ({ query, venue, limit }) => terminal.searchInstruments(query, { ...(venue !== undefined ? { venue } : {}), ...(limit !== undefined ? { limit } : {}) }),
    'balances.list': () => terminal.balances(),
    'orders.submit': ({ source = 'ticket', ...ticket }) => terminal.submit(ticket, source),
    'orders.submitSliced': ({ source = 'ticket', ...ticket }) => terminal.submitSliced(ticket, source),
    'orders.cancel': ({ clientOrderId }) => ({ sent: terminal.cancel(clientOrderId, 'bridge') }),
    'orders.cancelAll': (filter) => ({ sent: terminal.cancelAll(filter, 'bridge') }),
    'orders.submitBracket': ({ source = 'ticket', ...ticket }) => terminal.submitBracket(ticket, source),
    'orders.submitOco': ({ source = 'ticket', ...ticket }) => terminal.submitOco(ticket, source),
    'orders.amend': ({ clientOrderId, source, ...change }) => terminal.amend(clientOrderId, change, source ?? 'bridge'),
    'orders.history': ({ clientOrderId }) => terminal.history(clientOrderId),
    'audit.query': (query) => terminal.audit(query),
    'audit.csv': (query) => terminal.auditCsv(query),
    'orders.list': ({ limit }) => terminal.orders(limit),
    'fills.list': ({ limit }) => terminal.fills(limit),
    'positions.list': () => terminal.positions(),
    'positions.convert': (ticket) => terminal.convertPosition(ticket),
    'market.focus': ({ venue, symbol, timeframe, depth = 20 }, session) => {
      // Without a timeframe the snapshot holds no candles and no candle events follow (the charts watch their own).
      const snapshot = terminal.marketSnapshot(venue, symbol, timeframe && timeframeSeconds[timeframe], depth);
      session.focus = { venue, symbol, ...(timeframe ? { timeframe } : {}), depth };
      watchFocused();
      return snapshot;
    },
    'kill.state': () => terminal.killState(),
    'kill.engage': ({ reason, source = 'bridge' }) => terminal.engageKillSwitch(source, reason),
    'kill.reset': ({ source = 'bridge' }) => terminal.resetKillSwitch(source),
    'kill.setFlatten': ({ on }) => terminal.setFlattenOnEngage(on, 'bridge'),
    'kill.setDeleteGtts': ({ on }) => terminal.setDeleteGttsOnKill(on),
    'risk.state': () => terminal.riskState(),
    'risk.setLimits': ({ limits }) => terminal.setRiskLimits(limits),
    'risk.resetBreaker': ({ venue, symbol }) => terminal.resetBreaker(venue, symbol),
    'accounts.state': () => terminal.accounts.state(),
    'accounts.create': ({ passphrase }) => terminal.accounts.create(passphrase),
    'accounts.unlock': ({ passphrase }) => terminal.accounts.unlock(passphrase),
    'accounts.lock': () => terminal.accounts.lock(),
    'accounts.add': (ticket) => terminal.accounts.add(ticket),
    'accounts.edit': ({ id, ...change }) => terminal.accounts.edit(id, change),
    'accounts.setEnabled': ({ id, enabled }) => terminal.accounts.setEnabled(id, enabled),
    'accounts.remove': ({ id }) => terminal.accounts.remove(id),
    'accounts.changePassphrase': ({ current, next }) => terminal.accounts.changePassphrase(current, next),
    'accounts.setIdleLock': ({ minutes }) => terminal.accounts.setIdleLock(minutes),
    'accounts.setRemember': ({ remember }) => terminal.accounts.setRememberOnDevice(remember),
    'accounts.test': ({ id }) => terminal.accounts.test(id),
    'accounts.kiteLoginUrl': ({ id }) => terminal.accounts.kiteLoginUrl(id),
    'accounts.kiteLogin': ({ id, redirect }) => terminal.accounts.kiteLogin(id, redirect),
    'accounts.kiteLogout': ({ id }) => terminal.accounts.endKiteSession(id, 'logged out by the trader'),
    'watchlist.get': () => terminal.preferences.watchlists(),
    'watchlist.set': ({ account, symbols }) => terminal.preferences.setWatchlist(account, symbols),
    'preferences.get': () => ({ confirmProductionOrders: terminal.preferences.confirmProductionOrders() }),
    'preferences.set': ({ confirmProductionOrders }) => ({ confirmProductionOrders: terminal.preferences.setConfirmProductionOrders(confirmProductionOrders) }),
    'settings.get': () => terminal.viewSettings.get(),
    'settings.set': (patch) => terminal.viewSettings.set(patch),
    'gtt.list': ({ venue }) => terminal.gtts.list(venue),
    'gtt.place': (ticket) => terminal.gtts.place(ticket),
    'gtt.modify': ({ id, ...ticket }) => terminal.gtts.modify(id, ticket),
    'gtt.delete': ({ venue, id }) => terminal.gtts.delete(venue, id),
    'options.underlyings': ({ venue }) => terminal.optionUnderlyings(venue),
    // Polled by the view while the chain is on screen; the session is the viewer whose chain streams.
    'options.chain': (req, session) => terminal.optionChain(req, session.id),
    'options.closeChain': (_input, session) => {
      terminal.closeOptionChain(session.id);
      return { closed: true as const };
    },
    'options.greeks': ({ venue, symbol }) => terminal.optionGreeks(venue, symbol) ?? null,
    'options.strategy': (req) => terminal.optionStrategy(req),
    'options.sendStrategy': (req) => terminal.sendOptionStrategy(req, 'ticket'),
    // Polled by the Smile view; the session is the viewer whose surface's expiries stream.
    'options.surface': (req, session) => terminal.optionSurface(req, session.id),
    'options.closeSurface': (_input, session) => {
      terminal.closeOptionSurface(session.id);
      return { closed: true as const };
    },
    'portfolio.greeks': () => terminal.portfolioGreeks(),
    // Signals (issue 16): the desk validates again and names every problem (INVALID_INPUT / VAULT_LOCKED).
    'signals.sources': () => terminal.signals.sourceViews(),
    'signals.addSource': (ticket) => terminal.signals.addSource(ticket),
    'signals.removeSource': ({ id }) => terminal.signals.removeSource(id),
    'signals.setSourceEnabled': ({ id, enabled }) => terminal.signals.setSourceEnabled(id, enabled),
    'signals.pollSource': ({ id }) => terminal.signals.pollSource(id),
    'signals.sentiment': ({ instrument }) => terminal.signals.sentiment(instrument),
    'signals.list': ({ instruments }) => terminal.signals.list(instruments),
    'signals.overlay': ({ instrument, since }) => terminal.signals.overlay(instrument, since),
    'signals.settings': () => terminal.signals.settingsView(),
    'signals.setWeights': ({ weights }) => terminal.signals.setWeights(weights),
    'signals.addAlert': (rule) => terminal.signals.addAlert(rule),
    'signals.removeAlert': ({ id }) => terminal.signals.removeAlert(id),
    'signals.trainOrderFlow': ({ instrument }) => terminal.signals.trainOrderFlow(instrument),
    // ---- alerts (issue 18) ----
    'alerts.list': () => terminal.alerts.state(),
    'alerts.add': (ticket) => terminal.alerts.add(ticket),
    'alerts.remove': ({ id }) => terminal.alerts.remove(id),
    'alerts.rearm': ({ id }) => terminal.alerts.rearm(id),
    'alerts.log': ({ limit }) => terminal.alerts.firedLog(limit),
    // ---- workspaces (issue 18) ----
    'workspace.list': () => terminal.workspaces.list(),
    'workspace.save': ({ name, layout }) => terminal.workspaces.save(name, layout),
    'workspace.load': ({ name }) => terminal.workspaces.load(name),
    'workspace.delete': ({ name }) => terminal.workspaces.delete(name),
    // ---- hotkeys (issue 18) ----
    'hotkeys.get': () => terminal.hotkeys.get(),
    'hotkeys.set': (settings) => terminal.hotkeys.set(settings),
    // ---- execution algos (issue 17) ----
    'algos.start': ({ source = 'ticket', ...ticket }) => terminal.startAlgoTicket(ticket, source),
    'algos.preview': (ticket) => terminal.previewAlgoTicket(ticket),
    'algos.pause': ({ id }) => terminal.pauseAlgo(id, 'bridge').then(algoView),
    'algos.resume': ({ id }) => terminal.resumeAlgo(id).then(algoView),
    'algos.amend': ({ id, ...change }) => terminal.amendAlgoTicket(id, change),
    'algos.cancel': ({ id }) => terminal.cancelAlgo(id, 'bridge').then(algoView),
    'algos.list': () => terminal.algoViews(),
    'algos.tca': ({ id }) => terminal.algoTca(id),
    'algos.tcaCsv': ({ kind, id }) => terminal.algoTcaCsv(kind, id),
    'algos.consolidatedBook': ({ venues, symbol, depth }) => terminal.consolidatedBook(venues, symbol, depth),
    // ---- watchlist quotes (issue 18): the session is the viewer whose watchlist streams ----
    'market.quotes': ({ instruments }, session) => terminal.quotes(instruments, session.id),
    // ---- several instruments at once (issue 18, linking): beside the focus, one view's other panels' instruments and
    // its charts' other timeframes (a watch holds a set of timeframes; its book and trades still come once) ----
    'market.watch': ({ venue, symbol, timeframe, depth = 20 }, session) => {
      // Snapshot first: an unknown instrument is refused before it is watched.
      const snapshot = terminal.marketSnapshot(venue, symbol, timeframeSeconds[timeframe], depth);
      if (!session.watch({ venue, symbol, timeframe, depth })) {
        throw new SqError('INVALID_INPUT', `a view watches at most ${MAX_WATCHED} instruments besides its focus: close a linked panel (or move it to a group already shown) first`);
      }
      watchFocused();
      return snapshot;
    },
    'market.unwatch': ({ venue, symbol, timeframe }, session) => {
      const watched = session.unwatch(venue, symbol, timeframe);
      if (watched) watchFocused();
      return { watched };
    },
    // ---- link groups shared by every window (issue 18, pop-outs): each window hears the others' changes ----
    'workspace.links': () => terminal.workspaces.sharedLinks(),
    'workspace.shareLinks': ({ links, from }) => {
      const shared = terminal.workspaces.shareLinks(links, from);
      sessions.publish('links', shared);
      return shared;
    },
    // ---- pop-outs: the panel each pop-out window shows, until its view goes away ----
    'workspace.popout': ({ panel }, session) => ({ panels: terminal.workspaces.showPoppedOut(session.id, panel) }),
    'workspace.popouts': () => ({ panels: terminal.workspaces.poppedOutPanels() }),
  };
}
