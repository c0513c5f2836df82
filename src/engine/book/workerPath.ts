/**
 * Where the book worker's code lives and how to start it. From TypeScript source (vitest, the bench,
 * tsx) the worker is worker.ts next to this file and needs tsx loaded inside the worker thread; in the
 * lead's bundle it is emitted as bookWorker.js beside the bundle that imports this module.
 */

/**
 * This module's URL, held in a variable on purpose: bundlers rewrite the literal pattern
 * `new URL('./x', import.meta.url)` into an asset import, and these files are not assets (the build
 * emits bookWorker.js itself; the tsx hook is only for running from source).
 */
const here: string = import.meta.url;

export interface BookWorkerEntry {
  url: URL;
  execArgv: string[];
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
 * imports it — hence bookWorker.js "in the same directory as the bundle".
 */
export function resolveBookWorker(moduleUrl: string = here): BookWorkerEntry {
  if (moduleUrl.endsWith('.ts')) return { url: new URL('./worker.ts', moduleUrl), execArgv: tsxWorkerExecArgv() };
  return { url: new URL('./bookWorker.js', moduleUrl), execArgv: [] };
}
