/** Transport names shared by the preload, the Electron main process and the headless host. Kept free of
 *  imports so the sandboxed preload can bundle it alone. */
export const ipcChannels = { call: 'sq:call', event: 'sq:event' } as const;

/** The headless host's WebSocket path; the per-run token travels as ?token=. */
export const wsPath = '/bridge';
