/**
 * The desktop app's Kite login: a window of its own that shows Kite's login page and takes the
 * `request_token` from the navigation to the app's redirect URL, then closes. It is sandboxed, has no
 * node integration and no preload (so no bridge: Kite's pages cannot reach the engine), lives in an
 * in-memory session of its own (Kite's cookies vanish with it, and the main window's lock-down, which
 * forbids any navigation, is not applied to it; see index.ts), and never loads the redirect target: the
 * navigation is stopped and its URL handed to the engine, which exchanges the token.
 *
 * Written against the few members of Electron's BrowserWindow and WebContents it uses, so it is tested
 * in Node; index.ts passes the real ones.
 */

/** An in-memory partition (no "persist:" prefix): nothing of the login is written to disk. */
export const KITE_LOGIN_PARTITION = 'kite-login';

/** The window's options (Electron's BrowserWindowConstructorOptions, the part we set). */
export function kiteLoginWindowOptions(parentTitle: string) {
  return {
    width: 520,
    height: 760,
    title: `Log in to Kite - ${parentTitle}`,
    backgroundColor: '#0b0e11',
    autoHideMenuBar: true,
    webPreferences: {
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
    },
  } as const;
}

type NavigationListener = (event: { url: string; preventDefault(): void }) => void;

export interface LoginContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-redirect', listener: NavigationListener): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

export interface LoginWindow {
  webContents: LoginContents;
  loadURL(url: string): Promise<void>;
  once(event: 'closed', listener: () => void): unknown;
  close(): void;
}

/**
 * Whether `url` is Kite's redirect back to the app after a login (or a cancelled one): Kite adds
 * `status` and either the `request_token` or `action=login` to the registered redirect URL. Kite's own
 * pages on the way (login form, 2FA, finish) carry neither.
 */
export function isKiteRedirect(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const q = parsed.searchParams;
  return q.has('status') && (q.has('request_token') || q.get('action') === 'login');
}

/**
 * Where the login window may go: https anywhere (Kite's login and 2FA pages), and plain http only on
 * the login page's own origin (a loopback Kite in tests). Anything else (file:, javascript:, another
 * http host) is stopped.
 */
export function loginNavigationAllowed(url: string, loginUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === 'https:') return true;
  return parsed.protocol === 'http:' && parsed.origin === new URL(loginUrl).origin;
}

/**
 * Opens `loginUrl` in `win` and resolves with the URL Kite redirected to (the engine reads the token out
 * of it), or undefined if the trader closed the window first. The window closes itself once it has the
 * redirect; it never opens other windows or attaches a <webview>.
 */
export function runKiteLogin(win: LoginWindow, loginUrl: string): Promise<string | undefined> {
  return new Promise((done) => {
    let finished = false;
    const finish = (redirect: string | undefined) => {
      if (finished) return;
      finished = true;
      done(redirect);
      if (redirect !== undefined) win.close();
    };
    const contents = win.webContents;
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
    const onNavigation: NavigationListener = (event) => {
      if (isKiteRedirect(event.url)) {
        // Never loaded: the request token goes to the engine only, not to whatever serves that URL.
        event.preventDefault();
        finish(event.url);
        return;
      }
      if (!loginNavigationAllowed(event.url, loginUrl)) event.preventDefault();
    };
    contents.on('will-navigate', onNavigation);
    contents.on('will-redirect', onNavigation);
    win.once('closed', () => finish(undefined));
    // A page that fails to load stays on screen with Chromium's error; closing the window ends the login.
    win.loadURL(loginUrl).catch(() => undefined);
  });
}
