import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown, type OutputChunk } from 'rolldown';
import { beforeAll, describe, expect, it } from 'vitest';
import viteConfig, { mainOutput } from '../../electron.vite.config';
import { electronBuilderConfig, globRegExp, projectRoot } from './builderConfig';

/**
 * The main-process build as electron-vite makes it (same entries, same chunking and file names), bundled
 * in memory, checked against electron-builder.yml's asarUnpack: the book worker is started from
 * app.asar.unpacked, so every file it loads must be unpacked, and nothing else of the main process
 * should be (unpacked files escape the archive's integrity check).
 */
let chunks: OutputChunk[];
let unpack: RegExp[];

beforeAll(async () => {
  const input = (viteConfig as { main?: { build?: { rolldownOptions?: { input?: Record<string, string> } } } }).main?.build?.rolldownOptions
    ?.input;
  if (!input) throw new Error('electron.vite.config.ts has no main entries');
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  // What electron-vite leaves to require at run time: Node's modules, electron, the runtime dependencies.
  const external = [
    'electron',
    ...builtinModules.flatMap((m) => [m, `node:${m}`]),
    ...Object.keys(pkg.dependencies).flatMap((d) => [d, new RegExp(`^${d}/`)]),
  ];
  const bundle = await rolldown({ input, external, platform: 'node', logLevel: 'silent' });
  try {
    const { output } = await bundle.generate({ format: 'es', ...mainOutput });
    chunks = output.filter((o): o is OutputChunk => o.type === 'chunk');
  } finally {
    await bundle.close();
  }
  unpack = ((await electronBuilderConfig()).asarUnpack ?? []).map(globRegExp);
});

const inApp = (fileName: string) => `out/main/${fileName}`;
const unpacked = (fileName: string) => unpack.some((re) => re.test(inApp(fileName)));

/** The files a chunk loads, itself included, following static and dynamic imports within the bundle. */
function closure(entry: OutputChunk): OutputChunk[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Map<string, OutputChunk>();
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of [...chunk.imports, ...chunk.dynamicImports]) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  visit(entry);
  return [...seen.values()];
}

const entry = (name: string) => {
  const chunk = chunks.find((c) => c.isEntry && c.name === name);
  if (!chunk) throw new Error(`no entry chunk ${name}`);
  return chunk;
};

describe('the book worker in the packaged app', () => {
  it('is bookWorker.mjs beside index.js, where workerPath.ts looks for it', () => {
    expect(entry('bookWorker').fileName).toBe('bookWorker.mjs');
    expect(entry('index').fileName).toBe('index.js');
  });

  it('loads only unpacked files: the entry and the one chunk of what it imports', () => {
    const files = closure(entry('bookWorker')).map((c) => c.fileName);
    expect(files[0]).toBe('bookWorker.mjs');
    expect(files.slice(1)).toHaveLength(1);
    expect(files[1]).toMatch(/^chunks\/bookWorkerDeps-[\w-]+\.mjs$/);
    for (const file of files) expect(unpacked(file), file).toBe(true);
    for (const chunk of closure(entry('bookWorker'))) expect(chunk.dynamicImports, chunk.fileName).toEqual([]);
  });

  it('imports no package: from app.asar.unpacked there is no node_modules to find one in, only Node’s own modules', () => {
    const inBundle = new Set(chunks.map((c) => c.fileName));
    for (const chunk of closure(entry('bookWorker'))) {
      for (const specifier of chunk.imports.filter((i) => !inBundle.has(i))) {
        expect(builtinModules.includes(specifier.replace(/^node:/, '')), `${chunk.fileName} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('leaves the rest of the main process inside the archive', () => {
    const workerFiles = new Set(closure(entry('bookWorker')).map((c) => c.fileName));
    const rest = chunks.filter((c) => !workerFiles.has(c.fileName));
    expect(rest.map((c) => c.fileName)).toEqual(expect.arrayContaining(['index.js', 'headless.js']));
    for (const chunk of rest) expect(unpacked(chunk.fileName), chunk.fileName).toBe(false);
    // The engine itself (order manager, risk, storage) is among what stays packed.
    const engine = rest.find((c) => c.moduleIds.some((id) => id.endsWith(join('src', 'main', 'engineHost.ts'))));
    expect(engine?.moduleIds.some((id) => id.endsWith(join('src', 'engine', 'oms', 'orderManager.ts')))).toBe(true);
  });
});
