import { allowedExternalLink, allowedHeadlineLink } from './externalLinks';

/**
 * What every webContents of the app gets (applied from app's 'web-contents-created', so a window or
 * view added later cannot miss it): the renderer is our local files only. It never navigates away and
 * never opens a window; a link on the allow-list (externalLinks.ts) opens in the OS browser instead,
 * anything else is dropped. <webview> is never attached.
 *
 * Written against the few members of Electron's WebContents it uses, so it is tested in Node.
 */
export interface LockableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: { url: string; preventDefault(): void }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/**
 * `openKiteLogin`: offered every link first; it returns true when the link is the Kite login the engine
 * just handed out and it opened the login window for it (kiteLoginWindow.ts). `isHeadlineLink`: true for
 * a link the engine stored from a news source (externalLinks.ts allowedHeadlineLink).
 * `openPanelWindow`: offered every window.open (never a navigation); it returns true when the URL is a
 * pop-out of a panel (our own index.html?panel=<id>, terminalWindow.ts) and it opened that window itself,
 * with the main window's options: the page's own window.open is still refused.
 */
export function lockDownContents(
  contents: LockableContents,
  openExternal: (url: string) => void,
  openKiteLogin?: (url: string) => boolean,
  isHeadlineLink?: (url: string) => boolean,
  openPanelWindow?: (url: string) => boolean,
): void {
  const openIfAllowed = (url: string) => {
    if (openKiteLogin?.(url)) return;
    const link = allowedExternalLink(url) ?? (isHeadlineLink ? allowedHeadlineLink(url, isHeadlineLink) : undefined);
    if (link !== undefined) openExternal(link);
  };
  contents.setWindowOpenHandler(({ url }) => {
    if (openPanelWindow?.(url)) return { action: 'deny' };
    openIfAllowed(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openIfAllowed(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
