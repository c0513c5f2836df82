import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/** The book worker thread's entry; see bookWorkerChunkName. */
const bookWorkerEntry = resolve('src/engine/book/worker.ts');

/** What rolldown's chunking asks of the module graph (structurally its ChunkingContext). */
interface ModuleGraph {
  getModuleInfo(id: string): { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;
}

function reachableFrom(entry: string, graph: ModuleGraph): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const info = graph.getModuleInfo(id);
    if (info) pending.push(...info.importedIds, ...info.dynamicallyImportedIds);
  }
  return seen;
}

/** Name of the one chunk that holds everything the book worker imports (chunks/bookWorkerDeps-<hash>.mjs). */
export const BOOK_WORKER_DEPS_CHUNK = 'bookWorkerDeps';

/**
 * In the packaged app the worker thread is started from `app.asar.unpacked` (electron-builder.yml's
 * asarUnpack), and files there are not covered by the archive's integrity check. So the worker's code
 * must be a small, known set of files and the rest of the main process must stay inside the archive:
 * every module the worker reaches goes into one chunk, and only bookWorker.mjs and that chunk are
 * unpacked. Without this, rolldown would put what the worker shares with the main process into
 * arbitrary shared chunks, and unpacking "whatever the worker needs" would mean unpacking them all.
 */
export function bookWorkerChunkName(moduleId: string, graph: ModuleGraph): string | null {
  if (moduleId === bookWorkerEntry) return null; // the entry stays the entry chunk, bookWorker.mjs
  return reachableFrom(bookWorkerEntry, graph).has(moduleId) ? BOOK_WORKER_DEPS_CHUNK : null;
}

/**
 * The book worker's files are .mjs: once unpacked they sit outside the directory of the app's
 * package.json ("type": "module"), and .mjs is ES module code wherever it is read from.
 */
export const mainOutput = {
  entryFileNames: (chunk: { name: string }) => (chunk.name === 'bookWorker' ? '[name].mjs' : '[name].js'),
  chunkFileNames: (chunk: { name: string }) =>
    chunk.name === BOOK_WORKER_DEPS_CHUNK ? 'chunks/[name]-[hash].mjs' : 'chunks/[name]-[hash].js',
  codeSplitting: { groups: [{ name: bookWorkerChunkName, debugName: BOOK_WORKER_DEPS_CHUNK }] },
};

/**
 * The renderer's libraries each in a chunk of their own (assets/vendor-<name>-<hash>.js), away from
 * our code: the main script stays small, and a change to a panel leaves the library chunks as they
 * were. React (with its scheduler and zustand, which every panel uses) and AG Grid load with the page;
 * the chart library only with the lazily loaded price chart (App.tsx). The panels behind tabs are
 * chunks of their own through their dynamic imports (components/LazyPanel.tsx).
 */
export const rendererOutput = {
  codeSplitting: {
    groups: [
      { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|zustand|use-sync-external-store)[\\/]/ },
      { name: 'vendor-aggrid', test: /[\\/]node_modules[\\/](ag-grid-community|ag-grid-react|ag-stack)[\\/]/ },
      { name: 'vendor-charts', test: /[\\/]node_modules[\\/](lightweight-charts|fancy-canvas)[\\/]/ },
      { name: 'vendor-zod', test: /[\\/]node_modules[\\/]zod[\\/]/ },
      { name: 'vendor-dockview', test: /[\\/]node_modules[\\/](dockview|dockview-core|dockview-react)[\\/]/ },
    ],
  },
};

/**
 * One build for all three processes. The main build has four entries: the Electron main process,
 * the headless host (the same engine in plain Node, no Electron), the book worker thread and the ONNX
 * sentiment worker thread.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          headless: resolve('src/main/headless.ts'),
          bookWorker: bookWorkerEntry,
          // The ONNX sentiment worker (src/engine/signals/onnx/workerPath.ts). It stays inside app.asar:
          // it imports onnxruntime-node, which only the archive's node_modules holds (its .node
          // binaries are unpacked by asarUnpack's **/*.node). onnxruntime-node stays external here
          // (electron-vite externalizes package.json dependencies), so its native loader is not bundled.
          onnxWorker: resolve('src/engine/signals/onnx/worker.ts'),
        },
        output: mainOutput,
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      outDir: 'out/renderer',
      rolldownOptions: { input: resolve('src/renderer/index.html'), output: rendererOutput },
    },
    plugins: [react()],
  },
});
