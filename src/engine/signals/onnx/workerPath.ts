/**
 * Where the ONNX worker's code lives, the same way as the book worker (src/engine/book/workerPath.ts):
 * from TypeScript source (vitest, tsx, the bench) it is worker.ts beside this file, loaded through the
 * tsx hook; in the build it is onnxWorker.js beside the entry bundle (out/main/), so the host passes
 * its own import.meta.url (src/main/index.ts, headless.ts), as it does for the book worker.
 *
 * Unlike the book worker it is NOT moved to app.asar.unpacked in a packaged app: it imports the
 * onnxruntime-node package, which lives in the archive's node_modules (Electron runs worker threads
 * from inside the archive, electron/electron#33216; the addon's .node files are unpacked and Electron
 * loads them from there). From app.asar.unpacked there would be no node_modules to find it in.
 */
import { tsxWorkerExecArgv, type BookWorkerEntry } from '../../book';

/** Held in a variable so that bundlers do not turn `new URL('./x', import.meta.url)` into an asset. */
const here: string = import.meta.url;

export type OnnxWorkerEntry = BookWorkerEntry;

export function resolveOnnxWorker(moduleUrl: string = here): OnnxWorkerEntry {
  if (moduleUrl.endsWith('.ts')) return { url: new URL('./worker.ts', moduleUrl), execArgv: tsxWorkerExecArgv() };
  return { url: new URL('./onnxWorker.js', moduleUrl), execArgv: [] };
}
