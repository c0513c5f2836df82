import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { panelWindowRequest, terminalWindowOptions } from './terminalWindow';
import { lockDownContents, type LockableContents } from './windowSecurity';

const INDEX = 'file:///opt/ShrivenQuant/resources/app.asar/out/renderer/index.html';

class Contents extends EventEmitter implements LockableContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

describe('pop-out windows of panels', () => {
  it('are as locked down as the main window: the same preload, sandboxed, isolated, no Node, web security on', () => {
    const main = terminalWindowOptions({ preload: '/app/out/preload/index.cjs', title: 'ShrivenQuant', devTools: false });
    const popout = terminalWindowOptions({ preload: '/app/out/preload/index.cjs', title: 'ShrivenQuant', devTools: false, popout: true });
    expect(popout.webPreferences).toEqual(main.webPreferences);
    expect(main.webPreferences).toMatchObject({ preload: '/app/out/preload/index.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, devTools: false });
    // Only the size differs: a panel on a second monitor starts smaller than the whole terminal.
    expect(popout.width).toBeLessThan(main.width!);
  });

  it('are asked for only as our own index.html with a panel id and, optionally, the focused instrument', () => {
    expect(panelWindowRequest(`${INDEX}?panel=book`, INDEX)).toEqual({ panel: 'book' });
    expect(panelWindowRequest(`${INDEX}?panel=book&venue=SIM&symbol=BTC-USDT`, INDEX)).toEqual({ panel: 'book', venue: 'SIM', symbol: 'BTC-USDT' });
    for (const bad of [
      `${INDEX}`, // no panel
      `${INDEX}?panel=Book`, // not an id
      `${INDEX}?panel=${'a'.repeat(41)}`,
      `${INDEX}?panel=book&panel=chart`, // twice
      `${INDEX}?panel=book&token=x`, // anything else
      `${INDEX}?panel=book&venue=SIM`, // half a focus
      `${INDEX}?panel=book&venue=SIM&symbol=<script>`,
      `${INDEX}?panel=book#x`,
      'file:///etc/passwd?panel=book', // another file
      'file:///opt/ShrivenQuant/resources/app.asar/out/renderer/other.html?panel=book',
      'https://evil.example/index.html?panel=book', // another scheme
      'not a url',
    ]) {
      expect(panelWindowRequest(bad, INDEX), bad).toBeUndefined();
    }
  });

  it('the lock-down hands a pop-out to its opener and still refuses the page its own window; navigation never opens one', () => {
    const contents = new Contents();
    const panels: string[] = [];
    const external: string[] = [];
    lockDownContents(contents, (url) => external.push(url), undefined, undefined, (url) => panelWindowRequest(url, INDEX) !== undefined && panels.push(url) > 0);
    expect(contents.openHandler?.({ url: `${INDEX}?panel=orders` })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd?panel=orders' })).toEqual({ action: 'deny' });
    expect(contents.navigate(`${INDEX}?panel=orders`)).toBe(false);
    expect(panels).toEqual([`${INDEX}?panel=orders`]);
    expect(external).toEqual([]);
  });
});
