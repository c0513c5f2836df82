import { Group, Panel, Separator } from 'react-resizable-panels';
import { useKillHotkey } from './components/useKillHotkey';
import { useSession } from './state/session';
import { AccountArea } from './panels/AccountArea';
import { Analytics } from './panels/Analytics';
import { ConnectionBanner } from './panels/ConnectionBanner';
import { DepthChart } from './panels/DepthChart';
import { KillBanner } from './panels/KillBanner';
import { OrderBook } from './panels/OrderBook';
import { OrderTicket } from './panels/OrderTicket';
import { PriceChart } from './panels/PriceChart';
import { StatusBar } from './panels/StatusBar';
import { TopBar } from './panels/TopBar';
import { Trades } from './panels/Trades';

/**
 * The screen: market on top (book, chart, depth over analytics, ticket over tape), account below
 * (orders, positions, fills, with risk on a second tab of that row).
 * Every split can be dragged; only risk sits behind a tab, so trading needs no clicks to see it all.
 */
export function App() {
  useKillHotkey();
  const offline = useSession((s) => !s.connected);
  return (
    <div className={`app${offline ? ' offline' : ''}`}>
      <TopBar />
      <KillBanner />
      <ConnectionBanner />
      <main className="workspace">
        <Group orientation="vertical" id="rows">
          <Panel id="market" defaultSize="64%" minSize="30%">
            <Group orientation="horizontal" id="market-cols">
              <Panel id="book" defaultSize="17%" minSize="12%">
                <OrderBook />
              </Panel>
              <Separator className="sep" />
              <Panel id="chart" defaultSize="37%" minSize="18%">
                <PriceChart />
              </Panel>
              <Separator className="sep" />
              <Panel id="micro" defaultSize="25%" minSize="14%">
                <Group orientation="vertical" id="micro-rows">
                  <Panel id="depth" defaultSize="52%" minSize="20%">
                    <DepthChart />
                  </Panel>
                  <Separator className="sep" />
                  <Panel id="analytics" defaultSize="48%" minSize="20%">
                    <Analytics />
                  </Panel>
                </Group>
              </Panel>
              <Separator className="sep" />
              <Panel id="trade" defaultSize="21%" minSize="14%">
                <Group orientation="vertical" id="trade-rows">
                  <Panel id="ticket" defaultSize="58%" minSize="30%">
                    <OrderTicket />
                  </Panel>
                  <Separator className="sep" />
                  <Panel id="tape" defaultSize="42%" minSize="10%">
                    <Trades />
                  </Panel>
                </Group>
              </Panel>
            </Group>
          </Panel>
          <Separator className="sep" />
          <Panel id="account" defaultSize="36%" minSize="12%">
            <AccountArea />
          </Panel>
        </Group>
      </main>
      <StatusBar />
    </div>
  );
}
