import { describe, expect, it } from 'vitest';
import { electronBuilderConfig, globRegExp } from './builderConfig';

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder', async () => {
    await expect(electronBuilderConfig()).resolves.toBeDefined();
  });

  it('flips the fuses that keep the packaged app from being turned into something else', async () => {
    const { electronFuses } = await electronBuilderConfig();
    expect(electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('packs the app into app.asar and unpacks only native addons and the book worker', async () => {
    const config = await electronBuilderConfig();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node', 'out/main/bookWorker.mjs', 'out/main/chunks/bookWorkerDeps-*.mjs']);
    // Nothing wider than the worker's own files: the rest of the main process stays under the integrity check.
    for (const pattern of config.asarUnpack ?? []) expect(pattern).not.toMatch(/^out\/main\/\*\*|^out\/\*\*/);
  });

  it('rebuilds native dependencies for Electron when packaging, and leaves out npm start’s Electron build', async () => {
    const config = await electronBuilderConfig();
    expect(config.npmRebuild).toBe(true);
    expect((config.files ?? []).flatMap((set) => set.filter ?? [])).toContain('!out/native/**');
  });
});

describe('asarUnpack glob reading used by the packaging tests', () => {
  it('reads * within a segment and ** across segments', () => {
    expect(globRegExp('**/*.node').test('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(globRegExp('**/*.node').test('x.node')).toBe(true);
    const deps = globRegExp('out/main/chunks/bookWorkerDeps-*.mjs');
    expect(deps.test('out/main/chunks/bookWorkerDeps-Ab_1-x.mjs')).toBe(true);
    expect(deps.test('out/main/chunks/engineHost-C2aKOvev.js')).toBe(false);
    expect(deps.test('out/main/chunks/sub/bookWorkerDeps-x.mjs')).toBe(false);
    expect(deps.test('out/main/chunks/bookWorkerDeps-x.mjsx')).toBe(false);
  });
});
