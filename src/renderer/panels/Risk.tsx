import { Group, Panel, Separator } from 'react-resizable-panels';
import { KillSwitchDetails } from './risk/KillSwitchDetails';
import { RiskBreakers } from './risk/RiskBreakers';
import { RiskLimits } from './risk/RiskLimits';
import { RiskUtilisation } from './risk/RiskUtilisation';

/** Risk at a glance, left to right: how much is used, the limits, the circuit breakers, the kill switch. */
export function Risk() {
  return (
    <section className="risk" aria-label="Risk">
      <Group orientation="horizontal" id="risk-cols">
        <Panel id="risk-usage" defaultSize="26%" minSize="15%">
          <RiskUtilisation />
        </Panel>
        <Separator className="sep" />
        <Panel id="risk-limits" defaultSize="24%" minSize="15%">
          <RiskLimits />
        </Panel>
        <Separator className="sep" />
        <Panel id="risk-breakers" defaultSize="31%" minSize="15%">
          <RiskBreakers />
        </Panel>
        <Separator className="sep" />
        <Panel id="risk-kill" defaultSize="19%" minSize="12%">
          <KillSwitchDetails />
        </Panel>
      </Group>
    </section>
  );
}
