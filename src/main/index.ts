import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, Notification, safeStorage, session as electronSession, shell, type WebContents } from 'electron';
import { resolveBookWorker } from '../engine/book';
import { dataDirFromEnv, productName } from './dataDir';
import { guardEngineHost, startEngineHost, type EngineHost } from './engineHost';
import { IpcBridge } from './ipcBridge';
import { safeStorageKeyStore } from './safeStorageKeyStore';
import { appMenu } from './menu';
import { sqliteBindingForElectron } from './sqliteBinding';
import { KITE_LOGIN_PARTITION, kiteLoginWindowOptions, runKiteLogin } from './kiteLoginWindow';
import { lockDownContents } from './windowSecurity';
import { panelWindowRequest, terminalWindowOptions, type PanelWindowRequest } from './terminalWindow';
import { notifySignalAlerts } from './signalNotifications';
import { showAlertNotifications } from './alertNotifications';

/**
 * The Electron main process: hosts the engine and one sandboxed window. The renderer reaches the
 * engine only through the preload's bridge (one call channel, one event channel; see ipcBridge.ts).
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const KILL_ACCELERATOR = 'CommandOrControl+Shift+K';

app.setName(productName);
if (!app.requestSingleInstanceLock()) app.quit();

let host: EngineHost | undefined;
let kiteLoginWindow: BrowserWindow | undefined;

/** The Kite login window's contents: in their own partition, and locked down by runKiteLogin instead. */
function isKiteLoginContents(contents: WebContents): boolean {
  return app.isReady() && contents.session === electronSession.fromPartition(KITE_LOGIN_PARTITION);
}

// Before any window exists: every webContents the app ever creates is locked down (windowSecurity.ts),
// but for the Kite login window's, which must follow Kite's pages and is locked down in kiteLoginWindow.ts.
app.on('web-contents-created', (_event, contents) => {
  if (isKiteLoginContents(contents)) return;
  lockDownContents(contents, (url) => void shell.openExternal(url), openKiteLogin, (url) => host?.terminal.signals.isHeadlineLink(url) ?? false, openPanelWindow);
});

/** A link to the Kite login the engine handed out last opens the login window; any other link is not ours to take. */
function openKiteLogin(url: string): boolean {
  const engine = host;
  if (!engine || url !== engine.terminal.accounts.pendingKiteLoginUrl()) return false;
  void kiteLogin(engine, url);
  return true;
}

/** Shows Kite's login page in its own window and completes the pending login from Kite's redirect. */
async function kiteLogin(engine: EngineHost, url: string): Promise<void> {
  if (kiteLoginWindow && !kiteLoginWindow.isDestroyed()) {
    kiteLoginWindow.focus();
    return;
  }
  const loginSession = electronSession.fromPartition(KITE_LOGIN_PARTITION);
  loginSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const win = (kiteLoginWindow = new BrowserWindow(kiteLoginWindowOptions(productName)));
  const redirect = await runKiteLogin(win, url);
  kiteLoginWindow = undefined;
  // Kite's cookies and storage go with the window: tomorrow's login starts clean.
  await loginSession.clearStorageData().catch(() => undefined);
  if (redirect === undefined) return;
  try {
    await engine.terminal.accounts.completeKiteRedirect(redirect);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    engine.logger.warn({ reason: message }, 'Kite login in the login window not completed');
    dialog.showErrorBox('Kite login not completed', message);
  }
}

const rendererIndex = join(here, '..', 'renderer', 'index.html');
let ipcBridge: IpcBridge | undefined;
/** Popped-out panels by panel id: asking again for one that is open brings it to the front. */
const panelWindows = new Map<string, BrowserWindow>();

function createWindow(bridge: IpcBridge, popout?: PanelWindowRequest): BrowserWindow {
  const win = new BrowserWindow(
    terminalWindowOptions({ preload: join(here, '..', 'preload', 'index.cjs'), title: productName, devTools: !app.isPackaged, ...(popout ? { popout: true } : {}) }),
  );
  const detach = bridge.attach(win.webContents);
  win.on('closed', detach);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex, popout ? { query: { panel: popout.panel, ...(popout.venue && popout.symbol ? { venue: popout.venue, symbol: popout.symbol } : {}) } } : undefined);
  return win;
}

/** A panel popped out of the workspace (window.open of our own page with ?panel=): its own window, on the same bridge. */
function openPanelWindow(url: string): boolean {
  const request = panelWindowRequest(url, pathToFileURL(rendererIndex).href);
  if (!request || !ipcBridge) return false;
  const open = panelWindows.get(request.panel);
  if (open && !open.isDestroyed()) {
    open.focus();
    return true;
  }
  const win = createWindow(ipcBridge, request);
  panelWindows.set(request.panel, win);
  win.on('closed', () => panelWindows.delete(request.panel));
  return true;
}

/** better-sqlite3 for this Electron: its own build under out/native when unpackaged (see sqliteBinding.ts). */
function sqliteBinding(): string | undefined {
  return sqliteBindingForElectron({
    isPackaged: app.isPackaged,
    appRoot: app.getAppPath(),
    target: { electron: process.versions.electron, platform: process.platform, arch: process.arch },
    betterSqlite3: () => (createRequire(import.meta.url)('better-sqlite3/package.json') as { version: string }).version,
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  // No permission (camera, notifications, ...) is ever needed by a trading screen.
  electronSession.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  const dataDir = dataDirFromEnv();
  const engine = (host = await startEngineHost({
    dataDir,
    mode: 'electron',
    bookWorker: resolveBookWorker(import.meta.url),
    sqliteBinding: sqliteBinding(),
    // After whenReady: before it, Linux cannot tell which keyring backend safeStorage would use.
    deviceKeyStore: safeStorageKeyStore(safeStorage),
  }));
  // An uncaught exception halts trading (kill switch) and exits; a stray rejection is logged.
  guardEngineHost(engine, { exit: (code) => app.exit(code) });
  // Registered once for the app; windows attach to it as they are created.
  const bridge = new IpcBridge(ipcMain, engine);
  const engageKill = () => engine.terminal.engageKillSwitch('hotkey', 'keyboard shortcut');
  Menu.setApplicationMenu(appMenu(engageKill));
  // Global, so it works even when the window is frozen or not focused.
  if (!globalShortcut.register(KILL_ACCELERATOR, engageKill)) {
    engine.logger.warn({ accelerator: KILL_ACCELERATOR }, 'kill switch global shortcut is taken by another program');
  }
  notifySignalAlerts((listener) => engine.terminal.events.on('signalAlert', listener), Notification);
  // Fired alerts as OS notifications, whether or not a window is open (alertNotifications.ts).
  showAlertNotifications(engine.terminal.events, Notification, () => engine.logger.warn({}, 'OS notifications are not supported here: alerts show in the window only'));
  ipcBridge = bridge;
  createWindow(bridge);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(bridge);
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
