/**
 * Where the book worker's code lives and how to start it. From TypeScript source (vitest, the bench,
 * tsx) the worker is worker.ts next to this file and needs tsx loaded inside the worker thread; in the
 * build it is emitted as bookWorker.mjs beside the bundle that imports this module (.mjs so that it is
 * ES module code wherever it is read from, even outside the directory of the app's package.json).
 */

/**
 * This module's URL, held in a variable on purpose: bundlers rewrite the literal pattern
 * `new URL('./x', import.meta.url)` into an asset import, and these files are not assets (the build
 * emits bookWorker.mjs itself; the tsx hook is only for running from source).
 */
const here: string = import.meta.url;

export interface BookWorkerEntry {
  url: URL;
  execArgv: string[];
}

/** The archive a packaged Electron app's code is read from, and where electron-builder's asarUnpack puts files. */
const ASAR_SEGMENT = 'app.asar';
const UNPACKED_SEGMENT = 'app.asar.unpacked';

/**
 * The same file outside the asar archive. In a packaged app the bundles are read from inside
 * `resources/app.asar`, but the worker is started from disk, where the build unpacked it (see
 * electron-builder.yml): `resources/app.asar.unpacked`. Only a whole path segment named exactly
 * `app.asar` is rewritten (the first, which is the archive Electron would open); `app.asar.bak`,
 * `my-app.asar` or a file called `app.asar.js` are left alone. A URL with no such segment is returned
 * unchanged, which is every run that is not a packaged app.
 */
export function outsideAsar(url: URL): URL {
  if (url.protocol !== 'file:') return url;
  const segments = url.pathname.split('/');
  const archive = segments.findIndex((segment) => decodedSegment(segment) === ASAR_SEGMENT);
  if (archive === -1) return url;
  segments[archive] = UNPACKED_SEGMENT;
  const moved = new URL(url.href);
  moved.pathname = segments.join('/');
  return moved;
}

/** A URL path segment as the file system sees it (`app%2Easar` is the directory `app.asar`). */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // not valid percent-encoding: cannot name the archive
  }
}

/**
 * execArgv that makes a worker thread able to load .ts files. Plain `['--import', 'tsx']` is not
 * enough on Node 20 (the preload runs but its loader is not applied in workers), so the preload is a
 * small hook file that calls tsx's register() itself.
 */
export function tsxWorkerExecArgv(): string[] {
  return ['--import', new URL('./tsxWorkerHook.mjs', here).href];
}

/**
 * `moduleUrl` defaults to this module's URL, which in the bundle is the URL of the bundle that
 * imports it — hence bookWorker.mjs "in the same directory as the bundle".
 */
export function resolveBookWorker(moduleUrl: string = here): BookWorkerEntry {
  if (moduleUrl.endsWith('.ts')) return { url: new URL('./worker.ts', moduleUrl), execArgv: tsxWorkerExecArgv() };
  return { url: outsideAsar(new URL('./bookWorker.mjs', moduleUrl)), execArgv: [] };
}
