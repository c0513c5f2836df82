import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, globalShortcut, ipcMain, Menu, session as electronSession, shell } from 'electron';
import { ipcChannels } from '../contract/channels';
import { resolveBookWorker } from '../engine/book';
import { defaultDataDir, productName, resolveDataDir } from './dataDir';
import { Session } from './bridge/session';
import { startEngineHost, type EngineHost } from './engineHost';
import { appMenu } from './menu';

/**
 * The Electron main process: hosts the engine and one sandboxed window. The renderer reaches the
 * engine only through the preload's bridge (one call channel, one event channel).
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const KILL_ACCELERATOR = 'CommandOrControl+Shift+K';

app.setName(productName);
if (!app.requestSingleInstanceLock()) app.quit();

let host: EngineHost | undefined;
let window: BrowserWindow | undefined;

function createWindow(engine: EngineHost): BrowserWindow {
  const win = new BrowserWindow({
    width: 1600,
    height: 960,
    minWidth: 1100,
    minHeight: 700,
    backgroundColor: '#0b0e11',
    title: productName,
    show: false,
    webPreferences: {
      preload: join(here, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  const session = new Session(`ipc-${win.webContents.id}`, (name, payload) => {
    if (!win.isDestroyed()) win.webContents.send(ipcChannels.event, name, payload);
  });
  engine.sessions.add(session);
  win.on('closed', () => engine.sessions.remove(session));

  // Only this window's own frame may call the engine.
  ipcMain.handle(ipcChannels.call, (event, name: unknown, input: unknown) => {
    if (event.sender !== win.webContents || event.senderFrame !== win.webContents.mainFrame) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'calls are accepted from the terminal window only' } };
    }
    return engine.dispatcher.handle(session, name, input);
  });

  // The renderer is local files only: no navigation away, no new windows; links open in the browser.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadFile(join(here, '..', 'renderer', 'index.html'));
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  // No permission (camera, notifications, ...) is ever needed by a trading screen.
  electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const dataDir = resolveDataDir(process.env.SQ_DATA_DIR, defaultDataDir());
  const engine = (host = await startEngineHost({ dataDir, mode: 'electron', bookWorker: resolveBookWorker(import.meta.url) }));
  const engageKill = () => engine.terminal.engageKillSwitch('hotkey', 'keyboard shortcut');
  Menu.setApplicationMenu(appMenu(engageKill));
  // Global, so it works even when the window is frozen or not focused.
  if (!globalShortcut.register(KILL_ACCELERATOR, engageKill)) {
    engine.logger.warn({ accelerator: KILL_ACCELERATOR }, 'kill switch global shortcut is taken by another program');
  }
  window = createWindow(engine);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow(engine);
  });
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  globalShortcut.unregisterAll();
  if (!host) return;
  event.preventDefault();
  const closing = host;
  host = undefined;
  void closing.shutdown().finally(() => app.exit(0));
});

main().catch((error: unknown) => {
  console.error('ShrivenQuant failed to start:', error);
  app.exit(1);
});
