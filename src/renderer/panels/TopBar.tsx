import { SettingsButton } from './settings/SettingsButton';
import { InstrumentPicker } from '../components/InstrumentPicker';
import { KillButton } from '../components/KillButton';
import { Ticker } from '../components/Ticker';
import { PanelsMenu } from '../workspace/PanelsMenu';
import { WorkspaceMenu } from '../workspace/WorkspaceMenu';

export function TopBar() {
  return (
    <header className="topbar">
      <div className="brand">
        Shriven<span>Quant</span>
      </div>
      <InstrumentPicker />
      <Ticker />
      <div className="spacer" />
      <WorkspaceMenu />
      <PanelsMenu />
      <SettingsButton />
      <KillButton />
    </header>
  );
}
