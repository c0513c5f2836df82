import { useEffect, useState } from 'react';
import { InstrumentPicker } from '../components/InstrumentPicker';
import { chartTimeframes } from '../state/chartTimeframes';
import { market } from '../state/market';
import { KillButton } from '../components/KillButton';
import { activePanel } from '../hotkeys/activePanel';
import { QuickTradingLayer } from '../hotkeys/QuickTradingLayer';
import { ConnectionBanner } from '../panels/ConnectionBanner';
import { KillBanner } from '../panels/KillBanner';
import { startLinkSharing } from './linkSharing';
import { announcePopout } from './popoutPresence';
import { panelEntry } from './registry';

/**
 * A popped-out panel (?panel=<id>): that panel alone, filling its window, on the same bridge session as
 * the main window (Electron: the same preload; headless: the same token in the URL). The kill switch
 * and its banner stay in sight here too, so a second monitor is never a place trading cannot be stopped.
 * Link groups are shared with the main window (linkSharing.ts): a green ETH chart stays a green ETH chart.
 */
export function PopoutView(props: { id: string }) {
  const entry = panelEntry(props.id);
  const [visible] = useState(true);
  useEffect(() => {
    if (entry) document.title = `${entry.title} · ShrivenQuant`;
    // The main window's focus until the shared link groups arrive (then they rule: the panel keeps its group
    // and follows it, changed here or in the main window; the picker here moves the red group in both).
    const params = new URLSearchParams(location.search);
    const venue = params.get('venue');
    const symbol = params.get('symbol');
    if (venue && symbol) market.setFocus({ venue, symbol });
    // A popped-out chart draws the timeframe it had (an unknown one is dropped: the chart opens on the default).
    if (entry) chartTimeframes.restore({ [entry.id]: params.get('timeframe') });
  }, [entry]);
  useEffect(() => startLinkSharing(false), []);
  // The main window learns this panel is open here (it numbers a new chart past it, even after it reloads).
  useEffect(() => (entry ? announcePopout(entry.id) : undefined), [entry]);
  // The one panel in sight is the active one: the hotkeys here act on its instrument (the focus if it shows none).
  useEffect(() => {
    if (entry) activePanel.set(entry.id, entry.title);
  }, [entry]);
  return (
    <div className="app popout">
      <header className="topbar popout-bar">
        <div className="brand">
          Shriven<span>Quant</span>
        </div>
        <span className="popout-title">{entry?.title ?? 'Unknown panel'}</span>
        <InstrumentPicker />
        <div className="spacer" />
        <KillButton />
      </header>
      <KillBanner />
      <ConnectionBanner />
      {/* The hotkeys and one-click dialogs work here too, on this panel's instrument once it is clicked. */}
      <QuickTradingLayer />
      <main className="popout-body" data-panel={entry?.id} data-panel-title={entry?.title}>
        {entry ? entry.render({ visible, panelId: entry.id, title: entry.title }) : <p className="placeholder">There is no panel "{props.id}".</p>}
      </main>
    </div>
  );
}

/** The panel this window shows alone, from its URL; null for the main window. */
export function popoutPanelId(search: string): string | null {
  return new URLSearchParams(search).get('panel');
}
