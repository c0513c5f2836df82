import { Group, Panel, Separator } from 'react-resizable-panels';
import { useKillHotkey } from './components/useKillHotkey';
import { useSession } from './state/session';
import { Analytics } from './panels/Analytics';
import { ConnectionBanner } from './panels/ConnectionBanner';
import { DepthChart } from './panels/DepthChart';
import { Fills } from './panels/Fills';
import { KillBanner } from './panels/KillBanner';
import { OpenOrders } from './panels/OpenOrders';
import { OrderBook } from './panels/OrderBook';
import { OrderTicket } from './panels/OrderTicket';
import { Positions } from './panels/Positions';
import { PriceChart } from './panels/PriceChart';
import { StatusBar } from './panels/StatusBar';
import { TopBar } from './panels/TopBar';
import { Trades } from './panels/Trades';

/**
 * The screen: market on top (book, chart, depth over analytics, ticket over tape), account below
 * (orders, positions, fills).
 * Every split can be dragged; nothing is hidden behind a tab, so everything is in sight at once.
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
            <Group orientation="horizontal" id="account-cols">
              <Panel id="orders" defaultSize="37%" minSize="15%">
                <OpenOrders />
              </Panel>
              <Separator className="sep" />
              <Panel id="positions" defaultSize="33%" minSize="15%">
                <Positions />
              </Panel>
              <Separator className="sep" />
              <Panel id="fills" defaultSize="30%" minSize="15%">
                <Fills />
              </Panel>
            </Group>
          </Panel>
        </Group>
      </main>
      <StatusBar />
    </div>
  );
}
