import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown, type OutputChunk } from 'rolldown';
import { beforeAll, describe, expect, it } from 'vitest';
import viteConfig, { mainOutput } from '../../electron.vite.config';
import { electronBuilderConfig, globRegExp, projectRoot } from './builderConfig';

/**
 * The ONNX sentiment worker in the main-process build (bundled in memory the way electron-vite does):
 * it is onnxWorker.js beside index.js, where src/engine/signals/onnx/workerPath.ts looks for it, it
 * leaves onnxruntime-node (a native addon) to be loaded from node_modules at run time, and it stays
 * inside the archive, the only place a packaged app has that node_modules.
 */
let chunks: OutputChunk[];
let unpack: RegExp[];

beforeAll(async () => {
  const input = (viteConfig as { main?: { build?: { rolldownOptions?: { input?: Record<string, string> } } } }).main?.build?.rolldownOptions?.input;
  if (!input) throw new Error('electron.vite.config.ts has no main entries');
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  expect(Object.keys(pkg.dependencies)).toContain('onnxruntime-node');
  const external = ['electron', ...builtinModules.flatMap((m) => [m, `node:${m}`]), ...Object.keys(pkg.dependencies).flatMap((d) => [d, new RegExp(`^${d}/`)])];
  const bundle = await rolldown({ input, external, platform: 'node', logLevel: 'silent' });
  try {
    const { output } = await bundle.generate({ format: 'es', ...mainOutput });
    chunks = output.filter((o): o is OutputChunk => o.type === 'chunk');
  } finally {
    await bundle.close();
  }
  unpack = ((await electronBuilderConfig()).asarUnpack ?? []).map(globRegExp);
});

describe('the ONNX worker in the build', () => {
  it('is onnxWorker.js beside index.js and imports onnxruntime-node, unbundled', () => {
    const worker = chunks.find((c) => c.isEntry && c.name === 'onnxWorker');
    expect(worker?.fileName).toBe('onnxWorker.js');
    expect(worker?.imports).toContain('onnxruntime-node');
    expect(worker?.moduleIds.some((id) => id.includes(`${join('node_modules', 'onnxruntime-node')}`))).toBe(false);
  });

  it('stays inside the archive, where node_modules is', () => {
    const worker = chunks.find((c) => c.isEntry && c.name === 'onnxWorker');
    expect(unpack.some((re) => re.test(`out/main/${worker?.fileName}`))).toBe(false);
  });
});
