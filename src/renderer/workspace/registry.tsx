import { type ReactNode, useMemo } from 'react';
import { lazyPanel, PanelSuspense } from '../components/LazyPanel';
import { useAccount } from '../state/account';
import { useMarket } from '../state/market';
import { useRisk } from '../state/risk';
import { gttVenues } from '../view/gtt';
import { riskAttention } from '../view/risk';
import { Analytics } from '../panels/Analytics';
import { Balances } from '../panels/Balances';
import { DepthChart } from '../panels/DepthChart';
import { Fills } from '../panels/Fills';
import { OpenOrders } from '../panels/OpenOrders';
import { OrderBook } from '../panels/OrderBook';
import { OrderTicket } from '../panels/OrderTicket';
import { Positions } from '../panels/Positions';
import { Trades } from '../panels/Trades';

// Panels off the first screen, and the chart library, are their own chunks (lazyPanel): the book, ticket and
// grids paint without waiting for them. Each renders inside its own Suspense boundary ("Loading…").
const PriceChart = lazyPanel(() => import('../panels/PriceChart'), 'PriceChart');
const Accounts = lazyPanel(() => import('../panels/Accounts'), 'Accounts');
const Gtts = lazyPanel(() => import('../panels/Gtts'), 'Gtts');
const OptionChain = lazyPanel(() => import('../panels/OptionChain'), 'OptionChain');
const PortfolioGreeks = lazyPanel(() => import('../panels/PortfolioGreeks'), 'PortfolioGreeks');
const Risk = lazyPanel(() => import('../panels/Risk'), 'Risk');
const Strategy = lazyPanel(() => import('../panels/Strategy'), 'Strategy');
const VolSmile = lazyPanel(() => import('../panels/VolSmile'), 'VolSmile');
const Sentiment = lazyPanel(() => import('../panels/Sentiment'), 'Sentiment');
const Signals = lazyPanel(() => import('../panels/Signals'), 'Signals');
const AlgosArea = lazyPanel(() => import('../panels/algos/AlgosArea'), 'AlgosArea');
const Watchlist = lazyPanel(() => import('../panels/watchlist/Watchlist'), 'Watchlist');
const AlertsPanel = lazyPanel(() => import('../panels/alerts/AlertsPanel'), 'AlertsPanel');

/**
 * Where a panel goes when it is opened and none of its layout is on screen: next to the panels of its
 * home (tabbed with them), else at that side of the workspace.
 */
export type PanelHome = 'market' | 'micro' | 'trade' | 'tape' | 'orders' | 'holdings' | 'fills';

export interface PanelEntry {
  /** Stable: it is stored in saved workspaces and in pop-out URLs (?panel=<id>). */
  id: string;
  /** The tab's text and accessible name; the Panels menu lists it. */
  title: string;
  home: PanelHome;
  /**
   * `visible`: the panel is on screen now (views that poll the engine stop when hidden). `panelId` and
   * `title`: this instance's (a second chart is `chart-2`, "Chart 2"), for its link group and its name.
   */
  render: (ctx: { visible: boolean; panelId: string; title: string }) => ReactNode;
  /** A title that changes (a warning in it); a hook, called while the panel is open. */
  useTitle?: () => string;
  /**
   * The width (px) its content is laid out for at least: in a narrower group it scrolls sideways inside
   * itself instead of squeezing columns to nothing (Maximize gives it the whole workspace).
   */
  minWidth?: number;
  /** A hook: false while the panel makes no sense (GTT without a Kite account); it is then neither shown nor listed. */
  useAvailable?: () => boolean;
}

const attentionText = { none: '', ok: '', warn: ' (a limit above 70%)', high: ' (needs attention)' } as const;

function useRiskTitle(): string {
  const killEngaged = useAccount((s) => s.kill?.engaged ?? false);
  const attention = useRisk((s) => riskAttention(s.state, killEngaged));
  return `Risk${attentionText[attention]}`;
}

/** GTTs are Kite's: the panel is there only while a Kite account's instruments are. */
function useHasKite(): boolean {
  const instruments = useMarket((s) => s.instruments);
  return useMemo(() => gttVenues(instruments).length > 0, [instruments]);
}

/**
 * Every panel the workspace can show, one entry each: a new panel joins the workspace (docking, the
 * Panels menu, presets, pop-out) by adding its entry here. Order is the Panels menu's order.
 */
export const PANELS: readonly PanelEntry[] = [
  { id: 'book', title: 'Order book', home: 'market', render: ({ panelId, title }) => <OrderBook panel={panelId} name={title} /> },
  { id: 'chart', title: 'Chart', home: 'market', render: ({ panelId, title }) => <PanelSuspense><PriceChart panel={panelId} name={title} /></PanelSuspense> },
  { id: 'depth', title: 'Depth', home: 'micro', render: ({ panelId }) => <DepthChart panel={panelId} /> },
  { id: 'analytics', title: 'Analytics', home: 'micro', render: () => <Analytics /> },
  { id: 'ticket', title: 'Order ticket', home: 'trade', render: ({ panelId }) => <OrderTicket panel={panelId} /> },
  { id: 'tape', title: 'Trades', home: 'tape', render: ({ panelId }) => <Trades panel={panelId} /> },
  { id: 'orders', title: 'Open orders', home: 'orders', render: () => <OpenOrders /> },
  { id: 'positions', title: 'Positions', home: 'holdings', render: () => <Positions /> },
  { id: 'balances', title: 'Balances', home: 'holdings', render: () => <Balances /> },
  { id: 'fills', title: 'Fills', home: 'fills', render: () => <Fills /> },
  { id: 'risk', title: 'Risk', home: 'orders', render: () => <PanelSuspense><Risk /></PanelSuspense>, useTitle: useRiskTitle, minWidth: 1000 },
  { id: 'gtt', title: 'GTT', home: 'orders', render: ({ visible }) => <PanelSuspense><Gtts visible={visible} /></PanelSuspense>, useAvailable: useHasKite, minWidth: 1300 },
  { id: 'chain', title: 'Option chain', home: 'orders', render: ({ visible }) => <PanelSuspense><OptionChain visible={visible} /></PanelSuspense>, minWidth: 900 },
  { id: 'strategy', title: 'Strategy', home: 'orders', render: ({ visible }) => <PanelSuspense><Strategy visible={visible} /></PanelSuspense>, minWidth: 900 },
  { id: 'smile', title: 'Smile', home: 'orders', render: ({ visible }) => <PanelSuspense><VolSmile visible={visible} /></PanelSuspense>, minWidth: 800 },
  { id: 'accounts', title: 'Accounts', home: 'orders', render: () => <PanelSuspense><Accounts /></PanelSuspense>, minWidth: 900 },
  { id: 'greeks', title: 'Greeks', home: 'orders', render: () => <PanelSuspense><PortfolioGreeks /></PanelSuspense>, minWidth: 700 },
  // ---- panels of other features join here, one line each ----
  { id: 'sentiment', title: 'Sentiment', home: 'orders', render: ({ visible }) => <PanelSuspense><Sentiment visible={visible} /></PanelSuspense>, minWidth: 800 },
  { id: 'signals', title: 'Signals', home: 'orders', render: ({ visible }) => <PanelSuspense><Signals visible={visible} /></PanelSuspense>, minWidth: 700 },
  { id: 'watchlist', title: 'Watchlist', home: 'tape', render: ({ visible }) => <PanelSuspense><Watchlist visible={visible} /></PanelSuspense> },
  { id: 'alerts', title: 'Alerts', home: 'orders', render: ({ visible }) => <PanelSuspense><AlertsPanel visible={visible} /></PanelSuspense>, minWidth: 900 },
  { id: 'algos', title: 'Algos', home: 'orders', render: ({ visible }) => <PanelSuspense><AlgosArea visible={visible} /></PanelSuspense>, minWidth: 1000 },
];

const byId = new Map(PANELS.map((p) => [p.id, p]));

/**
 * Panels the trader may open more than once (a second chart and ladder on another instrument, in another
 * link group): instance n (2, 3, ...) has the id `<id>-<n>` and the title "<title> n", and is saved and
 * restored with the workspace like any panel.
 */
export const MULTI_INSTANCE: readonly string[] = ['chart', 'book'];
const MAX_INSTANCE = 99;
const INSTANCE_ID = /^([a-z]+)-([1-9][0-9]?)$/;
const instances = new Map<string, PanelEntry>();

export function panelEntry(id: string): PanelEntry | undefined {
  const entry = byId.get(id);
  if (entry) return entry;
  const m = INSTANCE_ID.exec(id);
  const base = m && MULTI_INSTANCE.includes(m[1]!) ? byId.get(m[1]!) : undefined;
  if (!m || !base || Number(m[2]) < 2) return undefined;
  let instance = instances.get(id);
  if (!instance) instances.set(id, (instance = { ...base, id, title: `${base.title} ${m[2]}` }));
  return instance;
}

/** The id of a new instance of a panel: the lowest number from 2 up not open now (undefined when all are). */
export function nextInstanceId(base: string, open: readonly string[]): string | undefined {
  for (let n = 2; n <= MAX_INSTANCE; n++) if (!open.includes(`${base}-${n}`)) return `${base}-${n}`;
  return undefined;
}

/** Whether the id is a second (third...) instance rather than a registry panel. */
export function isInstanceId(id: string): boolean {
  return !byId.has(id) && panelEntry(id) !== undefined;
}

/** A panel id as it may appear in a URL or a stored layout (checked before it is looked up). */
export const PANEL_ID = /^[a-z][a-z0-9-]{0,39}$/;
