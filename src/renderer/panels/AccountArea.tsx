import { useId, useState } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import { panelId, tabId, Tabs } from '../components/Tabs';
import { useAccount } from '../state/account';
import { useRisk } from '../state/risk';
import { riskAttention } from '../view/risk';
import { Fills } from './Fills';
import { OpenOrders } from './OpenOrders';
import { Positions } from './Positions';
import { Risk } from './Risk';

type View = 'account' | 'risk';

const attentionText = { none: '', ok: '', warn: ' (a limit above 70%)', high: ' (needs attention)' } as const;

/**
 * The bottom row: orders, positions and fills side by side (the default), or the risk view across the
 * whole width. The Risk tab carries a dot when a limit is near or a breaker/the kill switch is tripped,
 * so trouble is visible from the account view too. Both views stay mounted so the grids keep their
 * scroll and sort when switching.
 */
export function AccountArea() {
  const base = useId();
  const [view, setView] = useState<View>('account');
  const killEngaged = useAccount((s) => s.kill?.engaged ?? false);
  const attention = useRisk((s) => riskAttention(s.state, killEngaged));
  return (
    <div className="account-area">
      <Tabs<View>
        idBase={base}
        label="Bottom panels"
        selected={view}
        onSelect={setView}
        tabs={[
          { key: 'account', name: 'Orders, positions and fills', label: 'Orders · Positions · Fills' },
          {
            key: 'risk',
            name: `Risk${attentionText[attention]}`,
            label: (
              <>
                Risk{(attention === 'warn' || attention === 'high') && <span className={`tab-dot usage-${attention}`} aria-hidden="true" />}
              </>
            ),
          },
        ]}
      />
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'account')} aria-labelledby={tabId(base, 'account')} hidden={view !== 'account'}>
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
      </div>
      <div className="tab-panel" role="tabpanel" id={panelId(base, 'risk')} aria-labelledby={tabId(base, 'risk')} hidden={view !== 'risk'}>
        <Risk />
      </div>
    </div>
  );
}
