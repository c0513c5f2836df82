import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isKiteRedirect, KITE_LOGIN_PARTITION, kiteLoginWindowOptions, loginNavigationAllowed, runKiteLogin, type LoginContents, type LoginWindow } from './kiteLoginWindow';

const LOGIN = 'https://kite.zerodha.com/connect/login?v=3&api_key=kitekey0demo1234';
const REDIRECT = 'https://trader.example.com/kite/redirect?action=login&type=login&status=success&request_token=RqTk0demo0RqTk0demo0RqTk0demo012';

/** Stands in for Electron's BrowserWindow and WebContents: what a navigation emits, and whether it went. */
class Contents extends EventEmitter implements LoginContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  go(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return !prevented;
  }
  attachWebview(): boolean {
    let prevented = false;
    this.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    return !prevented;
  }
}
class Window extends EventEmitter implements LoginWindow {
  readonly webContents = new Contents();
  loaded: string[] = [];
  closed = false;
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return Promise.resolve();
  }
  close(): void {
    this.closed = true;
    this.emit('closed');
  }
}

describe('the Kite login window', () => {
  it('is sandboxed, without node integration, preload, webviews or devtools, in an in-memory session of its own', () => {
    const options = kiteLoginWindowOptions('ShrivenQuant');
    expect(options.webPreferences).toEqual({
      partition: KITE_LOGIN_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(KITE_LOGIN_PARTITION.startsWith('persist:')).toBe(false);
  });

  it("loads the login page, lets Kite's pages through, stops at the redirect without loading it and closes with its URL", async () => {
    const win = new Window();
    const result = runKiteLogin(win, LOGIN);
    expect(win.loaded).toEqual([LOGIN]);
    expect(win.webContents.go('will-navigate', 'https://kite.zerodha.com/connect/finish?sess_id=abc')).toBe(true);
    expect(win.webContents.go('will-redirect', 'https://kite.zerodha.com/connect/twofa')).toBe(true);
    expect(win.webContents.go('will-redirect', REDIRECT)).toBe(false);
    expect(await result).toBe(REDIRECT);
    expect(win.closed).toBe(true);
  });

  it('hands on a cancelled login too (the engine says why), and resolves undefined when the trader closes the window', async () => {
    const cancelled = new Window();
    const r1 = runKiteLogin(cancelled, LOGIN);
    expect(cancelled.webContents.go('will-navigate', 'https://trader.example.com/kite/redirect?action=login&status=cancelled')).toBe(false);
    expect(await r1).toBe('https://trader.example.com/kite/redirect?action=login&status=cancelled');

    const closed = new Window();
    const r2 = runKiteLogin(closed, LOGIN);
    closed.close();
    expect(await r2).toBeUndefined();
  });

  it('opens no window, attaches no <webview>, and goes nowhere but https (or the loopback login origin over http)', () => {
    const win = new Window();
    void runKiteLogin(win, 'http://127.0.0.1:9001/connect/login?v=3&api_key=k');
    expect(win.webContents.openHandler?.({ url: 'https://kite.zerodha.com/' })).toEqual({ action: 'deny' });
    expect(win.webContents.attachWebview()).toBe(false);
    expect(win.webContents.go('will-navigate', 'http://127.0.0.1:9001/connect/finish')).toBe(true);
    expect(win.webContents.go('will-navigate', 'http://127.0.0.1:9002/other')).toBe(false);
    expect(win.webContents.go('will-navigate', 'file:///etc/passwd')).toBe(false);
    expect(win.webContents.go('will-navigate', 'javascript:alert(1)')).toBe(false);
    expect(win.webContents.go('will-navigate', 'https://user:pw@kite.zerodha.com/')).toBe(false);
  });

  it('knows the redirect by Kite’s parameters, not by where it points', () => {
    expect(isKiteRedirect(REDIRECT)).toBe(true);
    expect(isKiteRedirect('http://127.0.0.1:9/kite/callback?request_token=abc&action=login&type=login&status=success')).toBe(true);
    expect(isKiteRedirect('https://kite.zerodha.com/connect/login?v=3&api_key=k')).toBe(false);
    expect(isKiteRedirect('https://kite.zerodha.com/connect/finish?sess_id=abc&status=ok')).toBe(false);
    expect(isKiteRedirect('not a url')).toBe(false);
    expect(loginNavigationAllowed('http://kite.zerodha.com/', LOGIN)).toBe(false);
  });
});
