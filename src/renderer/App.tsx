import { lazyPanel, PanelSuspense } from './components/LazyPanel';
import { Split } from './components/Split';
import { useKillHotkey } from './components/useKillHotkey';
import { QuickTradingLayer } from './hotkeys/QuickTradingLayer';
import { useSession } from './state/session';
import { AccountArea } from './panels/AccountArea';
import { Analytics } from './panels/Analytics';
import { ConnectionBanner } from './panels/ConnectionBanner';
import { DepthChart } from './panels/DepthChart';
import { KillBanner } from './panels/KillBanner';
import { OrderBook } from './panels/OrderBook';
import { OrderHistoryDrawer } from './panels/OrderHistoryDrawer';
import { OrderTicket } from './panels/OrderTicket';
import { StatusBar } from './panels/StatusBar';
import { TopBar } from './panels/TopBar';
import { Trades } from './panels/Trades';
import { Toasts } from './components/Toasts';

// The chart library is its own chunk: the book, ticket and grids paint without waiting for it.
const PriceChart = lazyPanel(() => import('./panels/PriceChart'), 'PriceChart');

/**
 * The screen: market on top (book, chart, depth over analytics, ticket over tape), account below
 * (orders, positions, fills, with risk on a second tab of that row).
 * Every split can be dragged; only risk sits behind a tab, so trading needs no clicks to see it all.
 * An order's history opens in a drawer over the right-hand side.
 */
export function App() {
  useKillHotkey();
  const offline = useSession((s) => !s.connected);
  return (
    <div className={`app${offline ? ' offline' : ''}`}>
      <TopBar />
      <KillBanner />
      <ConnectionBanner />
      <QuickTradingLayer />
      <main className="workspace">
        <Split
          id="rows"
          orientation="vertical"
          panes={[
            {
              id: 'market',
              size: '64%',
              min: '30%',
              content: (
                <Split
                  id="market-cols"
                  orientation="horizontal"
                  panes={[
                    { id: 'book', size: '20%', min: '12%', content: <OrderBook /> },
                    { id: 'chart', size: '34%', min: '18%', content: <PanelSuspense><PriceChart /></PanelSuspense> },
                    {
                      id: 'micro',
                      size: '25%',
                      min: '14%',
                      content: (
                        <Split
                          id="micro-rows"
                          orientation="vertical"
                          panes={[
                            { id: 'depth', size: '52%', min: '20%', content: <DepthChart /> },
                            { id: 'analytics', size: '48%', min: '20%', content: <Analytics /> },
                          ]}
                        />
                      ),
                    },
                    {
                      id: 'trade',
                      size: '21%',
                      min: '14%',
                      content: (
                        <Split
                          id="trade-rows"
                          orientation="vertical"
                          panes={[
                            // The ticket has more to show with stops, brackets and OCO: it takes most of the column.
                            { id: 'ticket', size: '70%', min: '30%', content: <OrderTicket /> },
                            { id: 'tape', size: '30%', min: '10%', content: <Trades /> },
                          ]}
                        />
                      ),
                    },
                  ]}
                />
              ),
            },
            { id: 'account', size: '36%', min: '12%', content: <AccountArea /> },
          ]}
        />
      </main>
      <OrderHistoryDrawer />
      <StatusBar />
      <Toasts />
    </div>
  );
}
