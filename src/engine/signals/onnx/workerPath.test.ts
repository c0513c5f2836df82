import { describe, expect, it } from 'vitest';
import { resolveOnnxWorker } from './workerPath';

describe('ONNX worker entry', () => {
  it('runs worker.ts through tsx from TypeScript source', () => {
    const entry = resolveOnnxWorker('file:///app/src/engine/signals/onnx/onnxScorer.ts');
    expect(entry.url.href).toBe('file:///app/src/engine/signals/onnx/worker.ts');
    expect(entry.execArgv[1]).toMatch(/tsxWorkerHook\.mjs$/);
  });

  it('runs onnxWorker.js beside the entry bundle, inside the archive in a packaged app (it needs node_modules)', () => {
    expect(resolveOnnxWorker('file:///app/out/main/index.js')).toEqual({ url: new URL('file:///app/out/main/onnxWorker.js'), execArgv: [] });
    expect(resolveOnnxWorker('file:///opt/SQ/resources/app.asar/out/main/index.js').url.href).toBe('file:///opt/SQ/resources/app.asar/out/main/onnxWorker.js');
  });
});
