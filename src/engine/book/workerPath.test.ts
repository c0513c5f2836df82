import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outsideAsar, resolveBookWorker } from './workerPath';

describe('book worker entry', () => {
  it('runs worker.ts through tsx when the caller is TypeScript source', () => {
    const entry = resolveBookWorker('file:///app/src/engine/book/bookService.ts');
    expect(entry.url.href).toBe('file:///app/src/engine/book/worker.ts');
    expect(entry.execArgv[0]).toBe('--import');
    expect(entry.execArgv[1]).toMatch(/tsxWorkerHook\.mjs$/);
  });

  it('runs bookWorker.mjs beside the bundle when built', () => {
    const entry = resolveBookWorker('file:///app/out/main/index.js');
    expect(entry).toEqual({ url: new URL('file:///app/out/main/bookWorker.mjs'), execArgv: [] });
  });

  it('starts the worker from app.asar.unpacked when the bundle is read from inside a packaged app (Linux, macOS)', () => {
    const linux = resolveBookWorker('file:///opt/ShrivenQuant%20Terminal/resources/app.asar/out/main/index.js');
    expect(fileURLToPath(linux.url)).toBe('/opt/ShrivenQuant Terminal/resources/app.asar.unpacked/out/main/bookWorker.mjs');
    const mac = resolveBookWorker('file:///Applications/ShrivenQuant%20Terminal.app/Contents/Resources/app.asar/out/main/index.js');
    expect(mac.url.pathname).toBe('/Applications/ShrivenQuant%20Terminal.app/Contents/Resources/app.asar.unpacked/out/main/bookWorker.mjs');
  });

  it('does the same for a Windows install, whichever separators the path came with', () => {
    const expected = 'file:///C:/Program%20Files/ShrivenQuant%20Terminal/resources/app.asar.unpacked/out/main/bookWorker.mjs';
    // import.meta.url as Electron gives it on Windows.
    expect(resolveBookWorker('file:///C:/Program%20Files/ShrivenQuant%20Terminal/resources/app.asar/out/main/index.js').url.href).toBe(expected);
    // Backslashes in a file URL are separators to the URL parser, so they are mapped the same way.
    expect(resolveBookWorker('file:///C:\\Program Files\\ShrivenQuant Terminal\\resources\\app.asar\\out\\main\\index.js').url.href).toBe(expected);
  });

  it('rewrites only a whole segment named exactly app.asar, and only the archive one', () => {
    const unchanged = [
      'file:///home/trader/app.asar.bak/out/main/bookWorker.mjs',
      'file:///home/trader/my-app.asar/out/main/bookWorker.mjs',
      'file:///home/trader/app.asarx/out/main/bookWorker.mjs',
      'file:///home/trader/out/main/app.asar.mjs',
      'file:///home/trader/App.Asar/out/main/bookWorker.mjs',
      'file:///home/trader/resources/app.asar.unpacked/out/main/bookWorker.mjs',
    ];
    for (const href of unchanged) expect(outsideAsar(new URL(href)).href).toBe(href);

    expect(outsideAsar(new URL('file:///r/app.asar/app.asar/x.mjs')).href).toBe('file:///r/app.asar.unpacked/app.asar/x.mjs');
    // The same directory spelt with an escaped dot is still the archive.
    expect(outsideAsar(new URL('file:///r/app%2Easar/x.mjs')).href).toBe('file:///r/app.asar.unpacked/x.mjs');
    // Not a file: nothing to unpack.
    expect(outsideAsar(new URL('https://example.com/app.asar/x.mjs')).href).toBe('https://example.com/app.asar/x.mjs');
  });

  it('keeps the query and fragment of the URL', () => {
    expect(outsideAsar(new URL('file:///r/app.asar/x.mjs?v=1#h')).href).toBe('file:///r/app.asar.unpacked/x.mjs?v=1#h');
  });
});
