import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannels } from '../contract/channels';

/**
 * The only thing the renderer gets from Electron: a Bridge-shaped object (see src/contract/api.ts).
 * No Node, no ipcRenderer, no arbitrary channels: one call channel and one event channel.
 */
type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(ipcChannels.event, (_event, name: string, payload: unknown) => {
  for (const listener of listeners.get(name) ?? []) listener(payload);
});

contextBridge.exposeInMainWorld('sq', {
  call: (name: string, input: unknown) => ipcRenderer.invoke(ipcChannels.call, name, input),
  on: (name: string, listener: Listener) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
  // IPC to the main process cannot drop while the window lives.
  onConnection: (listener: (connected: boolean) => void) => {
    listener(true);
    return () => {};
  },
});
