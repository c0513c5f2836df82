import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { lockDownContents, type LockableContents } from './windowSecurity';

/** Stands in for Electron's WebContents: the window-open handler and the events lockDownContents uses. */
class Contents extends EventEmitter implements LockableContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** What Electron does when the page navigates: emits will-navigate and goes only if not prevented. */
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
    return !prevented;
  }
  attachWebview(): boolean {
    let prevented = false;
    this.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

function locked(): { contents: Contents; opened: string[] } {
  const contents = new Contents();
  const opened: string[] = [];
  lockDownContents(contents, (url) => opened.push(url));
  return { contents, opened };
}

describe('window lock-down', () => {
  it('never opens a window; an allowed link goes to the OS browser, normalised', () => {
    const { contents, opened } = locked();
    expect(contents.openHandler?.({ url: 'https://DOCS.tardis.dev/api' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://developers.binance.com@evil.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.tardis.dev/api']);
  });

  it('never navigates away; an allowed link goes to the OS browser instead, anything else nowhere', () => {
    const { contents, opened } = locked();
    expect(contents.navigate('https://bybit-exchange.github.io/docs/v5/intro')).toBe(false);
    expect(contents.navigate('https://evil.com/login')).toBe(false);
    expect(contents.navigate('file:///home/trader/.ssh/id_rsa')).toBe(false);
    expect(opened).toEqual(['https://bybit-exchange.github.io/docs/v5/intro']);
  });

  it("opens the Kite login window only for the URL the hook accepts, never a window of the renderer's own", () => {
    const contents = new Contents();
    const opened: string[] = [];
    const logins: string[] = [];
    const pending = 'https://kite.zerodha.com/connect/login?v=3&api_key=kitekey0demo1234';
    lockDownContents(contents, (url) => opened.push(url), (url) => url === pending && logins.push(url) > 0);
    expect(contents.openHandler?.({ url: pending })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://kite.zerodha.com.evil.com/connect/login?v=3&api_key=kitekey0demo1234' })).toEqual({ action: 'deny' });
    expect(contents.navigate(pending)).toBe(false);
    expect(logins).toEqual([pending, pending]);
    expect(opened).toEqual([]);
  });

  it("opens a news headline's link in the OS browser only when the engine stored it from a source", () => {
    const contents = new Contents();
    const opened: string[] = [];
    const stored = new Set(['https://www.coindesk.com/markets/2026/12/07/bitcoin-rallies/', 'http://feeds.example.org/item?id=7']);
    lockDownContents(contents, (url) => opened.push(url), undefined, (url) => stored.has(url));
    contents.openHandler?.({ url: 'https://www.coindesk.com/markets/2026/12/07/bitcoin-rallies/' });
    contents.openHandler?.({ url: 'http://feeds.example.org/item?id=7' });
    // Not stored, or stored but not a web link a browser should be handed: nowhere.
    contents.openHandler?.({ url: 'https://www.coindesk.com/markets/other' });
    contents.openHandler?.({ url: 'https://user:pw@www.coindesk.com/markets/2026/12/07/bitcoin-rallies/' });
    expect(contents.navigate('https://evil.example/phish')).toBe(false);
    expect(opened).toEqual(['https://www.coindesk.com/markets/2026/12/07/bitcoin-rallies/', 'http://feeds.example.org/item?id=7']);
  });

  it('never attaches a <webview>', () => {
    expect(locked().contents.attachWebview()).toBe(false);
  });
});
