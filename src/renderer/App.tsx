import { useKillHotkey } from './components/useKillHotkey';
import { QuickTradingLayer } from './hotkeys/QuickTradingLayer';
import { useSession } from './state/session';
import { ConnectionBanner } from './panels/ConnectionBanner';
import { KillBanner } from './panels/KillBanner';
import { OrderHistoryDrawer } from './panels/OrderHistoryDrawer';
import { StatusBar } from './panels/StatusBar';
import { TopBar } from './panels/TopBar';
import { Toasts } from './components/Toasts';
import { Dock } from './workspace/Dock';
import { PopoutView, popoutPanelId } from './workspace/PopoutView';

/**
 * The screen: the docking workspace (workspace/Dock.tsx) between the top bar and the status bar. Its
 * panels come from the registry (workspace/registry.tsx); the default, the Trading preset, is the
 * market on top (book, chart, depth over analytics, ticket over tape) and the account below (orders
 * with risk, options and accounts behind tabs; positions over balances; fills). An order's history
 * opens in a drawer over the right-hand side. A window opened with ?panel=<id> shows that panel alone.
 */
export function App() {
  useKillHotkey();
  const offline = useSession((s) => !s.connected);
  const popout = popoutPanelId(location.search);
  if (popout !== null) return <PopoutView id={popout} />;
  return (
    <div className={`app${offline ? ' offline' : ''}`}>
      <TopBar />
      <KillBanner />
      <ConnectionBanner />
      <QuickTradingLayer />
      <main className="workspace">
        <Dock />
      </main>
      <OrderHistoryDrawer />
      <StatusBar />
      <Toasts />
    </div>
  );
}
