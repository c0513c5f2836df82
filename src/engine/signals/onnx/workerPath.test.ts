import { describe, expect, it } from 'vitest';
import { resolveOnnxWorker } from './workerPath';

describe('ONNX worker entry', () => {
  it('runs worker.ts through tsx from TypeScript source', () => {
    const entry = resolveOnnxWorker('file:///app/src/engine/signals/onnx/onnxScorer.ts');
    expect(entry.url.href).toBe('file:///app/src/engine/signals/onnx/worker.ts');
    expect(entry.execArgv[1]).toMatch(/tsxWorkerHook\.mjs$/);
  });

  it('runs onnxWorker.mjs beside the bundle, from app.asar.unpacked in a packaged app', () => {
    expect(resolveOnnxWorker('file:///app/out/main/index.js')).toEqual({ url: new URL('file:///app/out/main/onnxWorker.mjs'), execArgv: [] });
    expect(resolveOnnxWorker('file:///opt/SQ/resources/app.asar/out/main/index.js').url.href).toBe('file:///opt/SQ/resources/app.asar.unpacked/out/main/onnxWorker.mjs');
  });
});
