import type { Instrument } from '../../contract/api';
import { panelInstrument } from '../state/linking';
import type { Focus } from '../state/market';

/**
 * Which instrument the hotkeys act on: the active panel's (the one last clicked or keyboard-focused, a
 * green ETH ladder shows ETH), as in Quantower; the market focus when the active panel shows no
 * instrument (Fills, Risk) or no panel was made active yet. Pure, so the rule is tested on its own.
 */
export interface HotkeyTarget {
  instrument: Focus;
  /** The panel whose instrument it is, or null: the focus (the top bar's instrument). */
  panel: string | null;
  panelTitle: string | null;
}

type Links = Parameters<typeof panelInstrument>[0];

export function hotkeyTarget(active: { panel: string | null; title: string | null }, showsInstrument: (panel: string) => boolean, links: Links, focus: Focus): HotkeyTarget {
  if (active.panel === null || !showsInstrument(active.panel)) return { instrument: focus, panel: null, panelTitle: null };
  return { instrument: panelInstrument(links, focus, active.panel), panel: active.panel, panelTitle: active.title ?? active.panel };
}

/** "SIM ETH-USDT (Order book 2)", or "SIM BTC-USDT (the focus)": what the status bar, the cheat sheet and dialogs say. */
export function hotkeyTargetText(t: HotkeyTarget): string {
  return `${t.instrument.venue} ${t.instrument.symbol} (${t.panelTitle ?? 'the focus'})`;
}

/** The instrument after `current` in its account's list, wrapping round; undefined when there is no other. */
export function nextInstrumentOf(instruments: readonly Instrument[], current: Focus): Focus | undefined {
  const same = instruments.filter((i) => i.venue === current.venue);
  if (same.length < 2) return undefined;
  const at = same.findIndex((i) => i.symbol === current.symbol);
  const next = same[(at + 1) % same.length]!;
  return { venue: next.venue, symbol: next.symbol };
}
