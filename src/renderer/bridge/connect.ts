import type { Bridge } from '../../contract/api';
import { wsPath } from '../../contract/channels';
import { PreloadBridge } from './preloadBridge';
import { WsBridge } from './wsBridge';

declare global {
  interface Window {
    /** Set by the Electron preload through contextBridge; absent when served by the headless host. */
    sq?: Bridge;
  }
}

/** The address of the headless host's bridge for a page it served: same host, the run's token from ?token=. */
export function bridgeUrl(location: { protocol: string; host: string; search: string }): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${wsPath}?token=${encodeURIComponent(token)}`;
}

/** Electron IPC when the preload is there, otherwise the headless host's WebSocket. */
export function connectBridge(): Bridge {
  if (window.sq) return new PreloadBridge(window.sq);
  const ws = new WsBridge({ url: bridgeUrl(window.location) });
  ws.start();
  return ws;
}
