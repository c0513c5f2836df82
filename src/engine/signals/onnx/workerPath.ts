/**
 * Where the ONNX worker's code lives, the same way as the book worker (src/engine/book/workerPath.ts):
 * from TypeScript source (vitest, tsx, the bench) it is worker.ts beside this file, loaded through the
 * tsx hook; in the build it is onnxWorker.mjs beside the bundle that imports this module, taken from
 * app.asar.unpacked in a packaged app.
 */
import { outsideAsar, tsxWorkerExecArgv, type BookWorkerEntry } from '../../book';

/** Held in a variable so that bundlers do not turn `new URL('./x', import.meta.url)` into an asset. */
const here: string = import.meta.url;

export type OnnxWorkerEntry = BookWorkerEntry;

export function resolveOnnxWorker(moduleUrl: string = here): OnnxWorkerEntry {
  if (moduleUrl.endsWith('.ts')) return { url: new URL('./worker.ts', moduleUrl), execArgv: tsxWorkerExecArgv() };
  return { url: outsideAsar(new URL('./onnxWorker.mjs', moduleUrl)), execArgv: [] };
}
