import { Split } from '../components/Split';
import { KillSwitchDetails } from './risk/KillSwitchDetails';
import { RiskBreakers } from './risk/RiskBreakers';
import { OptionLimits } from './risk/OptionLimits';
import { RiskLimits } from './risk/RiskLimits';
import { RiskUtilisation } from './risk/RiskUtilisation';
import { useFormatVersion } from '../state/settings';

/** Risk at a glance, left to right: how much is used, the limits, the circuit breakers, the kill switch. */
export function Risk() {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  return (
    <section className="risk" aria-label="Risk">
      <Split
        id="risk-cols"
        orientation="horizontal"
        panes={[
          { id: 'risk-usage', size: '26%', min: '15%', content: <RiskUtilisation /> },
          {
            id: 'risk-limits',
            size: '24%',
            min: '15%',
            content: (
              <Split
                id="risk-limit-rows"
                orientation="vertical"
                panes={[
                  { id: 'risk-instrument-limits', size: '62%', min: '30%', content: <RiskLimits /> },
                  { id: 'risk-option-limits', size: '38%', min: '20%', content: <OptionLimits /> },
                ]}
              />
            ),
          },
          { id: 'risk-breakers', size: '31%', min: '15%', content: <RiskBreakers /> },
          { id: 'risk-kill', size: '19%', min: '12%', content: <KillSwitchDetails /> },
        ]}
      />
    </section>
  );
}
