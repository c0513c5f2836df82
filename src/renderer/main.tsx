import { ModuleRegistry } from 'ag-grid-community';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { benchModeOf } from './bench/benchMode';
import { startPaintProbe } from './bench/paintProbe';
import { connectBridge } from './bridge/connect';
import { gridModules } from './grid/modules';
import { setBridge } from './state/bridgeRef';
import { startSync } from './state/sync';
import './styles/base.css';
import './styles/layout.css';
import './styles/panels.css';
import './styles/risk.css';
import './styles/orders.css';
import './styles/accounts.css';
import './styles/gtt.css';
import './styles/optionPanels.css';
import './styles/optionChain.css';
import './styles/strategy.css';
import './styles/smile.css';
import './styles/portfolioGreeks.css';
import './styles/signals.css';
import './styles/dock.css';

ModuleRegistry.registerModules(gridModules);

// The bridge and the store sync live outside React: they outlast any component and start before the first paint.
const bridge = connectBridge();
setBridge(bridge);
startSync(bridge);
// `npm run bench -- ui` only (?bench= in the address): tick-to-pixel; `floor` renders no panel at all.
const bench = benchModeOf(window.location.search);
if (bench) startPaintProbe(bridge, bench === 'floor');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
if (bench !== 'floor') createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
