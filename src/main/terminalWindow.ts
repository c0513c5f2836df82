import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The options of every window that shows the terminal's UI: the main window and each popped-out panel
 * (a second monitor). One function so a pop-out can never be weaker than the main window: the same
 * preload (the bridge and nothing else), sandboxed, context-isolated, no Node, web security on.
 */
export function terminalWindowOptions(opts: { preload: string; title: string; devTools: boolean; popout?: boolean }): BrowserWindowConstructorOptions {
  return {
    ...(opts.popout ? { width: 900, height: 700, minWidth: 360, minHeight: 240 } : { width: 1600, height: 960, minWidth: 1100, minHeight: 700 }),
    backgroundColor: '#0b0e11',
    title: opts.title,
    show: false,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // DevTools would let anyone at the keyboard drive the bridge from a console; for development only.
      devTools: opts.devTools,
    },
  };
}

/** A panel id (workspace/registry.tsx PANEL_ID) and the focused instrument a pop-out opens with. */
const PANEL_ID = /^[a-z][a-z0-9-]{0,39}$/;
const FOCUS_PART = /^[A-Za-z0-9._:/-]{1,64}$/;
const ALLOWED = new Set(['panel', 'venue', 'symbol']);

export interface PanelWindowRequest {
  panel: string;
  venue?: string;
  symbol?: string;
}

/**
 * The renderer asks for a pop-out with `window.open(<its own index.html>?panel=<id>[&venue=..&symbol=..])`.
 * Only that exact file with only those parameters, well formed, is a pop-out; anything else (another
 * file, another scheme, extra parameters, a fragment) is not, and stays refused by the window lock-down.
 */
export function panelWindowRequest(url: string, rendererIndex: string): PanelWindowRequest | undefined {
  let parsed: URL;
  let index: URL;
  try {
    parsed = new URL(url);
    index = new URL(rendererIndex);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'file:' || index.protocol !== 'file:' || parsed.host !== index.host || parsed.pathname !== index.pathname) return undefined;
  if (parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') return undefined;
  const keys = [...parsed.searchParams.keys()];
  if (keys.some((k) => !ALLOWED.has(k)) || new Set(keys).size !== keys.length) return undefined;
  const panel = parsed.searchParams.get('panel');
  if (panel === null || !PANEL_ID.test(panel)) return undefined;
  const venue = parsed.searchParams.get('venue');
  const symbol = parsed.searchParams.get('symbol');
  if ((venue === null) !== (symbol === null)) return undefined;
  if (venue !== null && symbol !== null) {
    if (!FOCUS_PART.test(venue) || !FOCUS_PART.test(symbol)) return undefined;
    return { panel, venue, symbol };
  }
  return { panel };
}
