import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildElectronBinding, loadElectronRebuild, type RebuildOptions } from '../../scripts/electronNative';
import { electronBindingFile, electronBindingState, type ElectronTarget } from '../../src/main/sqliteBinding';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target: ElectronTarget = { electron: '40.10.2', platform: 'linux', arch: 'x64' };

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project whose node_modules holds better-sqlite3's sources and Node's build of it. */
function project(): { root: string; moduleDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'sq-native-'));
  roots.push(root);
  const moduleDir = join(root, 'node_modules', 'better-sqlite3');
  mkdirSync(join(moduleDir, 'build', 'Release'), { recursive: true });
  mkdirSync(join(moduleDir, 'src'), { recursive: true });
  writeFileSync(join(moduleDir, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
  writeFileSync(join(moduleDir, 'binding.gyp'), '{}');
  writeFileSync(join(moduleDir, 'src', 'better_sqlite3.cpp'), '// sources');
  writeFileSync(join(moduleDir, 'build', 'Release', 'better_sqlite3.node'), 'node abi 115');
  return { root, moduleDir };
}

/** Every file under `dir` with its contents, to compare a tree before and after. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Stands in for @electron/rebuild (which needs Electron's headers from the network): compiles "for Electron" in place. */
function rebuildInPlace(seen: RebuildOptions[]) {
  return async (options: RebuildOptions) => {
    seen.push(options);
    const staged = join(options.buildPath, 'node_modules', 'better-sqlite3');
    expect(existsSync(join(staged, 'binding.gyp'))).toBe(true);
    expect(existsSync(join(staged, 'build')), 'Node’s build must not be copied into the staging project').toBe(false);
    mkdirSync(join(staged, 'build', 'Release'), { recursive: true });
    writeFileSync(join(staged, 'build', 'Release', 'better_sqlite3.node'), `electron ${options.electronVersion}`);
  };
}

describe('building better-sqlite3 for Electron', () => {
  it('builds into out/native from a staged copy and leaves node_modules exactly as it was', async () => {
    const { root, moduleDir } = project();
    const before = snapshot(moduleDir);
    const seen: RebuildOptions[] = [];

    const file = await buildElectronBinding({ root, target, betterSqlite3: '12.11.1', rebuild: rebuildInPlace(seen) });

    expect(file).toBe(electronBindingFile(root, target));
    expect(readFileSync(file, 'utf8')).toBe('electron 40.10.2');
    expect(electronBindingState(root, target, '12.11.1')).toBe('current');
    expect(snapshot(moduleDir)).toEqual(before);
    // The rebuild was pointed at the staging project only, and at nothing but better-sqlite3.
    expect(seen).toHaveLength(1);
    const [options] = seen;
    expect(options?.projectRootPath).toBe(options?.buildPath);
    expect(relative(join(root, 'out', 'native'), options?.buildPath ?? '')).toMatch(/^electron-40\.10\.2-linux-x64[\\/]stage$/);
    expect(options).toMatchObject({ electronVersion: '40.10.2', platform: 'linux', arch: 'x64', onlyModules: ['better-sqlite3'], force: true });
    // The staging project is gone.
    expect(existsSync(options?.buildPath ?? '')).toBe(false);
  });

  it('a failed build leaves no current binding (an earlier one loses its stamp), no staging copy, node_modules untouched', async () => {
    const { root, moduleDir } = project();
    await buildElectronBinding({ root, target, betterSqlite3: '12.11.1', rebuild: rebuildInPlace([]) });
    const before = snapshot(moduleDir);
    let stage = '';
    const failing = async (options: RebuildOptions) => {
      stage = options.buildPath;
      throw new Error('gyp ERR! could not download headers');
    };

    await expect(buildElectronBinding({ root, target, betterSqlite3: '12.12.0', rebuild: failing })).rejects.toThrow(/headers/);
    expect(electronBindingState(root, target, '12.12.0')).toBe('stale');
    expect(electronBindingState(root, target, '12.11.1')).toBe('stale');
    expect(existsSync(stage)).toBe(false);
    expect(snapshot(moduleDir)).toEqual(before);
  });

  it('a rebuild that produced no binary is a failure, not a silent success', async () => {
    const { root } = project();
    await expect(buildElectronBinding({ root, target, betterSqlite3: '12.11.1', rebuild: async () => {} })).rejects.toThrow(/does not exist/);
    expect(electronBindingState(root, target, '12.11.1')).toBe('missing');
  });

  it('finds @electron/rebuild through electron-builder in this install, and nothing where electron-builder is absent', async () => {
    expect(await loadElectronRebuild(repoRoot)).toBeTypeOf('function');
    const { root } = project();
    writeFileSync(join(root, 'package.json'), '{}');
    expect(await loadElectronRebuild(root)).toBeUndefined();
  });
});
