import { useId, useMemo, useState } from 'react';
import { lazyPanel, PanelSuspense } from '../components/LazyPanel';
import { Split } from '../components/Split';
import { panelId, tabId, Tabs } from '../components/Tabs';
import { useAccount } from '../state/account';
import { useMarket } from '../state/market';
import { useRisk } from '../state/risk';
import { gttVenues } from '../view/gtt';
import { riskAttention } from '../view/risk';
import { Balances } from './Balances';
import { Fills } from './Fills';
import { OpenOrders } from './OpenOrders';
import { Positions } from './Positions';

// The tabs behind the first are separate chunks (see lazyPanel); each is fetched as the area mounts.
const Accounts = lazyPanel(() => import('./Accounts'), 'Accounts');
const Gtts = lazyPanel(() => import('./Gtts'), 'Gtts');
const OptionChain = lazyPanel(() => import('./OptionChain'), 'OptionChain');
const PortfolioGreeks = lazyPanel(() => import('./PortfolioGreeks'), 'PortfolioGreeks');
const Risk = lazyPanel(() => import('./Risk'), 'Risk');
const Strategy = lazyPanel(() => import('./Strategy'), 'Strategy');
const VolSmile = lazyPanel(() => import('./VolSmile'), 'VolSmile');
const Sentiment = lazyPanel(() => import('./Sentiment'), 'Sentiment');
const Signals = lazyPanel(() => import('./Signals'), 'Signals');
const AlgosArea = lazyPanel(() => import('./algos/AlgosArea'), 'AlgosArea');
const AlertsPanel = lazyPanel(() => import('./alerts/AlertsPanel'), 'AlertsPanel');

type View = 'account' | 'risk' | 'gtt' | 'chain' | 'strategy' | 'smile' | 'accounts' | 'greeks' | 'sentiment' | 'signals' | 'algos' | 'alerts';

const attentionText = { none: '', ok: '', warn: ' (a limit above 70%)', high: ' (needs attention)' } as const;

/**
 * The bottom row: orders, positions and fills side by side (the default), or the risk view, or the
 * venue accounts and their vault, or the option chain, across the whole width; with a Kite account, its GTT triggers too. The Risk tab carries a dot when a limit is near or a breaker/the kill switch is tripped,
 * so trouble is visible from the account view too. Every view stays mounted so the grids keep their
 * scroll and sort when switching.
 */
export function AccountArea() {
  const base = useId();
  const [view, setView] = useState<View>('account');
  const killEngaged = useAccount((s) => s.kill?.engaged ?? false);
  const attention = useRisk((s) => riskAttention(s.state, killEngaged));
  // GTTs are Kite's: the tab is there only while a Kite account's instruments are.
  const instruments = useMarket((s) => s.instruments);
  const hasKite = useMemo(() => gttVenues(instruments).length > 0, [instruments]);
  const shown: View = view === 'gtt' && !hasKite ? 'account' : view;
  return (
    <div className="account-area">
      <Tabs<View>
        idBase={base}
        label="Bottom panels"
        selected={shown}
        onSelect={setView}
        tabs={[
          { key: 'account', name: 'Orders, positions, balances and fills', label: 'Orders · Positions · Balances · Fills' },
          {
            key: 'risk',
            name: `Risk${attentionText[attention]}`,
            label: (
              <>
                Risk{(attention === 'warn' || attention === 'high') && <span className={`tab-dot usage-${attention}`} aria-hidden="true" />}
              </>
            ),
          },
          ...(hasKite ? [{ key: 'gtt' as const, name: 'GTT', label: 'GTT' }] : []),
          { key: 'chain', name: 'Option chain', label: 'Option chain' },
          { key: 'strategy', name: 'Strategy', label: 'Strategy' },
          { key: 'smile', name: 'Smile', label: 'Smile' },
          { key: 'accounts', name: 'Accounts', label: 'Accounts' },
          { key: 'greeks', name: 'Greeks', label: 'Greeks' },
          { key: 'sentiment', name: 'Sentiment', label: 'Sentiment' },
          { key: 'signals', name: 'Signals', label: 'Signals' },
          { key: 'algos', name: 'Algos', label: 'Algos' },
          { key: 'alerts', name: 'Alerts', label: 'Alerts' },
        ]}
      />
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'account')} aria-labelledby={tabId(base, 'account')} hidden={shown !== 'account'}>
        <Split
          id="account-cols"
          orientation="horizontal"
          panes={[
            // Open orders carries the most columns (type, stop, version, group, id): it gets the most room.
            { id: 'orders', size: '45%', min: '15%', content: <OpenOrders /> },
            {
              id: 'holdings',
              size: '29%',
              min: '15%',
              content: (
                <Split
                  id="holdings-rows"
                  orientation="vertical"
                  panes={[
                    { id: 'positions', size: '55%', min: '25%', content: <Positions /> },
                    { id: 'balances', size: '45%', min: '25%', content: <Balances /> },
                  ]}
                />
              ),
            },
            { id: 'fills', size: '26%', min: '15%', content: <Fills /> },
          ]}
        />
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'risk')} aria-labelledby={tabId(base, 'risk')} hidden={shown !== 'risk'}>
        <PanelSuspense><Risk /></PanelSuspense>
      </div>
      {hasKite && (
        <div className="tab-panel" role="tabpanel" id={panelId(base, 'gtt')} aria-labelledby={tabId(base, 'gtt')} hidden={shown !== 'gtt'}>
          <PanelSuspense><Gtts visible={shown === 'gtt'} /></PanelSuspense>
        </div>
      )}
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'chain')} aria-labelledby={tabId(base, 'chain')} hidden={shown !== 'chain'}>
        <PanelSuspense><OptionChain visible={shown === 'chain'} /></PanelSuspense>
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'strategy')} aria-labelledby={tabId(base, 'strategy')} hidden={shown !== 'strategy'}>
        <PanelSuspense><Strategy visible={shown === 'strategy'} /></PanelSuspense>
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'smile')} aria-labelledby={tabId(base, 'smile')} hidden={shown !== 'smile'}>
        <PanelSuspense><VolSmile visible={shown === 'smile'} /></PanelSuspense>
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'accounts')} aria-labelledby={tabId(base, 'accounts')} hidden={shown !== 'accounts'}>
        <PanelSuspense><Accounts /></PanelSuspense>
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'greeks')} aria-labelledby={tabId(base, 'greeks')} hidden={shown !== 'greeks'}>
        <PanelSuspense><PortfolioGreeks /></PanelSuspense>
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'sentiment')} aria-labelledby={tabId(base, 'sentiment')} hidden={shown !== 'sentiment'}>
        <PanelSuspense><Sentiment visible={shown === 'sentiment'} /></PanelSuspense>
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'signals')} aria-labelledby={tabId(base, 'signals')} hidden={shown !== 'signals'}>
        <PanelSuspense><Signals visible={shown === 'signals'} /></PanelSuspense>
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'algos')} aria-labelledby={tabId(base, 'algos')} hidden={shown !== 'algos'}>
        <PanelSuspense><AlgosArea visible={shown === 'algos'} /></PanelSuspense>
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'alerts')} aria-labelledby={tabId(base, 'alerts')} hidden={shown !== 'alerts'}>
        <PanelSuspense><AlertsPanel visible={shown === 'alerts'} /></PanelSuspense>
      </div>
    </div>
  );
}
