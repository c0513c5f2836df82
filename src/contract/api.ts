import type { z } from 'zod';
import type { AuditEntry, AuditState, Fill, HotkeySettings, Liquidity, Order, OrderVersion, Product, Side } from '../engine/core';
import type { Instrument } from '../engine/instruments';
import type { AccountView } from '../engine/secrets';
import type { AccountsState, AccountTestResult, AnalyticsView, GttChange, OptionChainView, OptionGreeksView, OptionUnderlyingView, GttView, BalancesView, PartialInstrumentList, Watchlists, BookView, Candle, KillState, MarketSnapshot, PositionView as Position, RiskState, Status, Trade } from '../engine/terminal';
import type { OptionSurfaceView, QuoteView } from '../engine/terminal';
export type { QuoteView };
import type { callInputs, Timeframe } from './schemas';

/** The one contract between the engine and any view. Prices are ticks, quantities lots. */
export type { AuditEntry, AuditState, Fill, Instrument, Liquidity, Order, OrderVersion, Product, Side, Timeframe };

export type {
  BalanceRow,
  BalancesView,
  BookView,
  Candle,
  KillEvent,
  KillState,
  MarketSnapshot,
  PositionView as Position,
  RiskState,
  Status,
  Trade,
  VenueStatus,
} from '../engine/terminal';
export type { AnalyticsValues, AnalyticsView } from '../engine/terminal';
/** A venue too large to list whole in `instruments`: `listed` of its `total` instruments are there, search finds the rest. */
export type { PartialInstrumentList } from '../engine/terminal';
/** An account as any view sees it: name, venue, environment, flags and a key fingerprint; never a key or secret. */
export type { AccountEnvironment, AccountVenue, AccountView } from '../engine/secrets';
export type { AccountsState, AccountTestResult } from '../engine/terminal';
/** A Kite account's GTT trigger (prices in ticks, quantities in lots), and the answer to a change of one. */
export type { GttChange, GttView } from '../engine/terminal';
/** Option chains: underlyings, one expiry's chain (IV and Greeks per strike, with their conventions), a held option's Greeks. */
export type { ChainConventions, ChainRowView, ChainSideView, OptionChainView, OptionGreeksView, OptionUnderlyingView } from '../engine/terminal';
/** Option strategies: legs resolved on the chain, their payoff and Greeks; the leg-by-leg send's outcome. */
export type { StrategyGreeksView, StrategyLegOutcome, StrategyLegView, StrategyPresetName, StrategyQuoteView, StrategySendResult, StrategySummaryView } from '../engine/terminal';
import type { StrategyQuoteView, StrategySendResult } from '../engine/terminal';
export type { OptionSurfaceView, SmileCurvePointView, SmileFitView, SmileMarketPointView, SurfaceSliceView } from '../engine/terminal';
/** Portfolio Greeks per (venue, underlying), each position's part, and the units (conventions) they are in. */
export type { PortfolioGreeksConventions, PortfolioGreeksView, PositionGreeksView, UnderlyingGreeksView } from '../engine/terminal';
import type { PortfolioGreeksView } from '../engine/terminal';
/** Signals (issue 16): sources, headlines, sentiment and positioning, the composite and its components, alerts. */
export type { HeadlineView, OrderFlowModelView, PositioningFigure, PositioningView, SentimentView, SignalAlertView, SignalOverlayView, SignalSettingsView, SignalSourceTicket, SignalSourceView, SourceSeriesView } from '../engine/terminal';
import type { SentimentView, SignalAlertView, SignalOverlayView, SignalSettingsView, SignalSnapshot, SignalSourceView, OrderFlowModelView } from '../engine/terminal';
export type { SignalSnapshot } from '../engine/terminal';
/** Price and analytics alerts, their log, and the notices (alert, fill, rejected, breaker) for toasts. */
export type { AlertFiredView, AlertMetric, AlertRuleView, AlertsState, AlertSpec, AlertTicket, Notice, NoticeKind } from '../engine/terminal';
import type { AlertFiredView, AlertRuleView, AlertsState, Notice } from '../engine/terminal';
/** Execution algos (issue 17): parents, their preview, TCA and the consolidated book. */
import type { AlgoPreview, ConsolidatedBook, ParentView as AlgoView, TcaReport } from '../engine/algos';
export type { AlgoParams, AlgoPreview, AlgoType, ChildPlan, ConsolidatedLevel, ParentState, ParentView as AlgoView, PreviewSlice, RoutePlan, TcaChildRow, TcaReport } from '../engine/algos';
export type ConsolidatedBookView = ConsolidatedBook & { venues: string[] };
/** The Settings screen (issue 18). */
export type { ViewSettings } from '../engine/terminal';
import type { ViewSettings } from '../engine/terminal';
/** Favourite symbols per account (venue id), in the order they were starred. */
export type { Watchlists } from '../engine/terminal';
/** Screen layouts (issue 18): named workspaces and the one last left. */
export type { WorkspaceLayout, WorkspaceSummary, WorkspacesView } from '../engine/terminal';
import type { WorkspaceLayout, WorkspacesView } from '../engine/terminal';
/** The link groups every window of a run shares (a pop-out keeps its colour and follows it). */
export type { SharedLinks } from '../engine/terminal';
import type { SharedLinks } from '../engine/terminal';

/** What the trader chose about how orders are sent, kept by the engine. */
export interface Preferences {
  /** Ask before every order to an account whose environment is production (never for SIM). Default on. */
  confirmProductionOrders: boolean;
}

export interface CallOutputs {
  /** monotonicMs: the host's monotonic clock (ms), to map `book.sentAtMs` onto the view's clock (bench/ui.ts). */
  'system.ping': { serverTime: number; monotonicMs?: number };
  'status.get': Status;
  /** Every instrument of a small venue; of a large one (see `instruments.partial`) only those that matter now. */
  'instruments.list': Instrument[];
  /** Venues whose list in `instruments.list` is partial; empty when every list is whole. */
  'instruments.partial': PartialInstrumentList[];
  /** The best matches for what the trader typed (symbol, display name, name) and how many matched in all. */
  'instruments.search': { instruments: Instrument[]; total: number };
  /** Every connected account's balances. */
  'balances.list': BalancesView[];
  'orders.submit': Order;
  /** Every child order (`<id>.1` ... under one groupId), or the one order when it fits under the freeze quantity. */
  'orders.submitSliced': Order[];
  'orders.cancel': { sent: boolean };
  'orders.cancelAll': { sent: number };
  'orders.submitBracket': { entry: Order; takeProfit: Order; stopLoss: Order };
  'orders.submitOco': { legs: Order[] };
  'orders.amend': Order;
  /** Everything about one order: its current state, every version of its terms, every event. */
  'orders.history': { order: Order; versions: OrderVersion[]; audit: AuditEntry[] };
  'audit.query': AuditEntry[];
  /** The same entries as CSV, one row each, with a suggested file name. */
  'audit.csv': { filename: string; csv: string };
  'orders.list': Order[];
  'fills.list': Fill[];
  'positions.list': Position[];
  /** Kite: the position after (part of) it was converted to another product. */
  'positions.convert': Position;
  'market.focus': MarketSnapshot;
  'kill.state': KillState;
  'kill.engage': KillState;
  'kill.reset': KillState;
  'kill.setFlatten': KillState;
  /** Kite: whether engaging the kill switch also deletes every active GTT. */
  'kill.setDeleteGtts': KillState;
  'risk.state': RiskState;
  'risk.setLimits': RiskState;
  'risk.resetBreaker': RiskState;
  'accounts.state': AccountsState;
  /** Creates the vault under the passphrase and leaves it unlocked. */
  'accounts.create': AccountsState;
  'accounts.unlock': AccountsState;
  'accounts.lock': AccountsState;
  'accounts.add': AccountView;
  /** The account as changed (renamed, environment, key, URLs); the running terminal reconnects it. */
  'accounts.edit': AccountView;
  'accounts.setEnabled': AccountView;
  /** The account removed. */
  'accounts.remove': AccountView;
  'accounts.changePassphrase': AccountsState;
  'accounts.setIdleLock': AccountsState;
  /** "Remember on this device": keeps the vault's key in the OS keychain, or stops keeping it there. */
  'accounts.setRemember': AccountsState;
  /** The account's balances at the venue; fails with the venue's own words (today: no connector yet). */
  'accounts.test': AccountTestResult;
  /** Kite's login page for a kite account (holds its api key, which Kite's page needs; never the secret). */
  'accounts.kiteLoginUrl': { url: string };
  /** Completes a kite account's login from the redirect: the account as logged in (until 06:00 IST). */
  'accounts.kiteLogin': AccountView;
  /** Forgets a kite account's access token: it goes down until the next login. */
  'accounts.kiteLogout': AccountView;
  /** Every account's watchlist. */
  'watchlist.get': Watchlists;
  /** Replaces one account's watchlist; the reply is every account's, as kept. */
  'watchlist.set': Watchlists;
  'preferences.get': Preferences;
  'preferences.set': Preferences;
  /** The Settings screen's theme, time zone, number formats and sounds; set takes any of them and answers all. */
  'settings.get': ViewSettings;
  'settings.set': ViewSettings;
  /** A Kite account's GTTs as Kite lists them (active and finished); refused for other accounts and while not connected. */
  'gtt.list': GttView[];
  /** Each change answers with the trigger's id and the account's list read again after it (or why it could not be). */
  'gtt.place': GttChange;
  'gtt.modify': GttChange;
  'gtt.delete': GttChange;
  /** Underlyings with options per venue, with their expiries not yet past. */
  'options.underlyings': OptionUnderlyingView[];
  /**
   * One expiry's chain with IV and Greeks, read now. Polled a few times a second while a view shows it:
   * the call also tells the engine to stream the chain's instruments for this view (until `options.closeChain`
   * or it stops asking).
   */
  'options.chain': OptionChainView;
  'options.closeChain': { closed: true };
  /** A held option's Greeks at its mark's IV; null when it cannot be priced now. */
  'options.greeks': OptionGreeksView | null;
  /** A strategy's legs priced on the live chain (a buy at the ask, a sell at the bid), its payoff, breakevens and net Greeks. */
  'options.strategy': StrategyQuoteView;
  /** Sends the confirmed legs one by one (buys first, limit IOC); stops at the first leg that does not fill, never resends. */
  'options.sendStrategy': StrategySendResult;
  /**
   * An underlying's volatility surface: each of its nearest expiries' smile fitted (SVI) to the chain's
   * IVs, with ATM vol, 25-delta RR and BF, market and fitted points, and the arbitrage checks. Refitted at
   * most once a second; polled like a chain, and its expiries stream for this view until `options.closeSurface`.
   */
  'options.surface': OptionSurfaceView;
  'options.closeSurface': { closed: true };
  /** Portfolio Greeks per underlying, priced now (a view's first read; changes come as `portfolioGreeks` events). */
  'portfolio.greeks': PortfolioGreeksView;
  /** Every signal source with its status (connected, last item, errors, next poll). */
  'signals.sources': SignalSourceView[];
  /** Adds a news/social/index source (a CryptoPanic token is kept in the vault); answers the list after it. */
  'signals.addSource': SignalSourceView[];
  /** Removes a source the trader added (its stored items stay); automatic ones can only be disabled. */
  'signals.removeSource': SignalSourceView[];
  'signals.setSourceEnabled': SignalSourceView[];
  /** Polls one source now (the Refresh button); answers its status after the poll. */
  'signals.pollSource': SignalSourceView;
  /** One instrument's sentiment panel: composite and components, per-source sparklines, headlines, positioning, order-flow model. */
  'signals.sentiment': SentimentView;
  /** The signals of several instruments (the watchlist), now. */
  'signals.list': SignalSnapshot[];
  /** The composite's history and scored headlines since a time, for the price chart's overlay. */
  'signals.overlay': SignalOverlayView;
  'signals.settings': SignalSettingsView;
  /** Replaces the component weights (refused with every problem named; the old ones stay). */
  'signals.setWeights': SignalSettingsView;
  'signals.addAlert': SignalSettingsView;
  'signals.removeAlert': SignalSettingsView;
  /** Fits the instrument's order-flow model again now, walk-forward, on what has been recorded. */
  'signals.trainOrderFlow': OrderFlowModelView;
  // ---- alerts (issue 18) ----
  /** Every alert rule (armed or not), and why stored rules could not all be restored, if so. */
  'alerts.list': AlertsState;
  /** The rule as kept (armed); refused with every problem named, or UNKNOWN_INSTRUMENT. */
  'alerts.add': AlertRuleView;
  'alerts.remove': AlertsState;
  /** Arms a rule again (a `once` rule after it fired): it sees the market afresh from now. */
  'alerts.rearm': AlertRuleView;
  /** Fired alerts, newest first (the last 500 are kept in the data directory). */
  'alerts.log': AlertFiredView[];
  // ---- workspaces (issue 18) ----
  /** The named workspaces and the active one. */
  'workspace.list': WorkspacesView;
  /** Saves under a name, or without one as the screen restored at start; answers the list after it. */
  'workspace.save': WorkspacesView;
  /** A named workspace's layout, or (no name) the screen as last left: null before the first save. */
  'workspace.load': WorkspaceLayout | null;
  'workspace.delete': WorkspacesView;
  /** The hotkey map and quantity presets (issue 18); set answers with them as kept, or refuses naming the conflict. */
  'hotkeys.get': HotkeySettings;
  'hotkeys.set': HotkeySettings;
  // ---- execution algos (issue 17) ----
  /** Starts a parent (resolves once journaled); a VWAP's profile comes back as its length. */
  'algos.start': AlgoView;
  /** The schedule it would follow if started now: slices (TWAP/VWAP/Shortfall trajectory) or the routed split (smart). */
  'algos.preview': AlgoPreview;
  'algos.pause': AlgoView;
  'algos.resume': AlgoView;
  'algos.amend': AlgoView;
  /** Cancels the parent's working children first; the parent is canceled once they have ended. */
  'algos.cancel': AlgoView;
  'algos.list': AlgoView[];
  /** Arrival, interval VWAP, average fill, slippage (positive = cost), participation, fees, per child. */
  'algos.tca': TcaReport;
  'algos.tcaCsv': { filename: string; csv: string };
  /** Which venue holds each level of an instrument quoted on several venues (the first venue's ticks and lots). */
  'algos.consolidatedBook': ConsolidatedBookView;
  // ---- watchlist quotes (issue 18) ----
  /** Watchlist lines (last, bid/ask, day open and volume as the engine saw them, minute closes); polled once a second, they stream while asked for. */
  'market.quotes': QuoteView[];
  // ---- several instruments at once (issue 18, linking) ----
  /**
   * Streams an instrument's book and trades (once) and its candles of one more timeframe to this view, beside its focus
   * (the focused instrument too, for a chart of another timeframe); the snapshot's candles are of that timeframe.
   */
  'market.watch': MarketSnapshot;
  /** `watched`: whether this view was watching it (that timeframe, when named). The focus is changed only by market.focus. */
  'market.unwatch': { watched: boolean };
  // ---- link groups shared by every window (issue 18, pop-outs) ----
  /** The link groups as a window last shared them; null before any did. */
  'workspace.links': SharedLinks | null;
  /** Shares this window's link groups; every view gets them as a `links` event. */
  'workspace.shareLinks': SharedLinks;
  // ---- pop-outs ----
  /** This view (a pop-out window) shows that panel until it goes away; `panels`: every panel open in a pop-out now. */
  'workspace.popout': { panels: string[] };
  /** Panels open in pop-out windows now (a closed window's is gone): a new chart of the main window takes another number. */
  'workspace.popouts': { panels: string[] };
}

export type CallName = keyof typeof callInputs & keyof CallOutputs;
export type CallInput<N extends CallName> = z.input<(typeof callInputs)[N]>;
export type CallOutput<N extends CallName> = CallOutputs[N];

export interface EventPayloads {
  /** sentAtMs: when the host handed this picture to the bridge, on its monotonic clock (see system.ping). */
  book: BookView & { sentAtMs?: number };
  candle: { venue: string; symbol: string; timeframe: Timeframe; candle: Candle };
  trades: { venue: string; symbol: string; trades: Trade[] };
  analytics: AnalyticsView;
  order: Order;
  fill: Fill;
  audit: AuditEntry;
  position: Position;
  kill: KillState;
  risk: RiskState;
  status: Status;
  /** Pushed to every view on any change of the vault or its accounts. */
  accounts: AccountsState;
  /** One account's balances, after every report from its venue. */
  balances: BalancesView;
  /**
   * The instrument list, whenever it changes (an account connected; for a large venue, what the trader
   * deals with changed): whole for small venues, only what matters now for those in `instrumentsPartial`.
   */
  instruments: Instrument[];
  /** Sent just before every `instruments`: the venues whose list in it is partial (empty: every list is whole). */
  instrumentsPartial: PartialInstrumentList[];
  /** Portfolio Greeks per underlying, to every view, whenever they change (priced a few times a second). */
  portfolioGreeks: PortfolioGreeksView;
  /** A signal alert fired (every view shows a toast; Electron also raises an OS notification). */
  signalAlert: SignalAlertView;
  /** A signal source's status changed (polled, failed, recovered). */
  signalSources: SignalSourceView[];
  /** To every view: a fired alert, a fill, a refusal by the venue (its own words), a breaker trip. For toasts. */
  notice: Notice;
  /** A parent order after any change, to every view (a VWAP's profile as its length only). */
  algo: AlgoView;
  /** To every view: a window changed the link groups (a pop-out follows its colour's instrument). */
  links: SharedLinks;
}
export type EventName = keyof EventPayloads;

export interface BridgeError {
  code: string;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** What the renderer sees, whichever transport carries it (Electron IPC or WebSocket). */
export interface Bridge {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Reply<CallOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
  /** Transport state, for the status bar. */
  onConnection(listener: (connected: boolean) => void): () => void;
}
