export * from './terminal';
export * from './views';
export * from './analyticsView';
export {
  type AccountsState,
  type AccountTestResult,
  type AccountTicket,
  DEFAULT_IDLE_LOCK_MINUTES,
  MAX_IDLE_LOCK_MINUTES,
} from './accountsService';
export { testAccount, type TestedBalance } from './liveVenues/connectionCheck';
export { KiteLogins } from './kiteLogin';
export { MAX_WATCHLIST_ACCOUNTS, MAX_WATCHLIST_SYMBOLS, Preferences, type Watchlists } from './watchlists';
export { CATALOG_MIN_GAP_MS, FULL_LIST_MAX_INSTRUMENTS, InstrumentCatalog, type InstrumentCatalogView, type PartialInstrumentList } from './instrumentCatalog';
export type { GttChange, GttLegTicket, GttTicket, GttView } from './kiteGtts';
export { CHAIN_CONVENTIONS, type ChainConventions, type ChainRequest, type ChainRowView, type ChainSideView, type OptionChainView, type OptionGreeksView, type OptionUnderlyingView } from './options';
export { CHAIN_VIEW_TTL_MS } from './options';
export type {
  StrategyGreeksView,
  StrategyLegOutcome,
  StrategyLegSpec,
  StrategyLegView,
  StrategyPresetName,
  StrategyPresetSpec,
  StrategyQuoteView,
  StrategyRequest,
  StrategySendLeg,
  StrategySendRequest,
  StrategySendResult,
  StrategySummaryView,
} from './options';
export { SURFACE_MAX_EXPIRIES, SURFACE_REFIT_MS, type OptionSurfaceView, type SmileCurvePointView, type SmileFitView, type SmileMarketPointView, type SurfaceRequest, type SurfaceSliceView } from './options';
export { PORTFOLIO_GREEKS_CONVENTIONS, type PortfolioGreeksConventions, type PortfolioGreeksView, type PositionGreeksView, type UnderlyingGreeksView } from './portfolioGreeksView';
export type { HeadlineView, OrderFlowModelView, PositioningFigure, PositioningView, SentimentView, SignalAlertView, SignalOverlayView, SignalSettingsView, SignalSnapshot, SignalSourceTicket, SignalSourceView, SourceSeriesView } from './signals/signalsView';
export { ALERT_METRICS, type AlertFiredView, type AlertMetric, type AlertRuleView, type AlertsState, type AlertSpec, type AlertTicket, MAX_ALERT_LOG, MAX_ALERT_RULES, type Notice, type NoticeKind } from './alerts';
export { MAX_WORKSPACE_BYTES, MAX_WORKSPACE_NAME, MAX_WORKSPACES, Workspaces, type WorkspaceLayout, type WorkspaceSummary, type WorkspacesView } from './workspaces';
export { MAX_LINKS_BYTES, type SharedLinks } from './workspaces';
export { HotkeyStore } from './hotkeySettings';
// Execution algos as views send and see them (issue 17).
export { algoView, type AlgoAmendTicket, type AlgoTicket, type AlgoTicketParams } from './algoTickets';
export { QUOTE_VIEW_TTL_MS, type QuoteView } from './quotes';
// Settings screen (issue 18 item 7).
export { DEFAULT_VIEW_SETTINGS, type ViewSettings, ViewSettingsStore } from './viewSettings';
