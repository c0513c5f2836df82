import { describe, expect, it } from 'vitest';
import { resolveBookWorker } from './workerPath';

describe('book worker entry', () => {
  it('runs worker.ts through tsx when the caller is TypeScript source', () => {
    const entry = resolveBookWorker('file:///app/src/engine/book/bookService.ts');
    expect(entry.url.href).toBe('file:///app/src/engine/book/worker.ts');
    expect(entry.execArgv[0]).toBe('--import');
    expect(entry.execArgv[1]).toMatch(/tsxWorkerHook\.mjs$/);
  });

  it('runs bookWorker.js beside the bundle when built', () => {
    const entry = resolveBookWorker('file:///app/out/main/index.js');
    expect(entry).toEqual({ url: new URL('file:///app/out/main/bookWorker.js'), execArgv: [] });
  });
});
