import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withNodeBuildPreserved } from '../../scripts/preserveNodeBuild';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function setup(): { buildDir: string; backupDir: string; addon: string } {
  const root = mkdtempSync(join(tmpdir(), 'sq-preserve-'));
  roots.push(root);
  const buildDir = join(root, 'node_modules', 'better-sqlite3', 'build');
  mkdirSync(join(buildDir, 'Release'), { recursive: true });
  writeFileSync(join(buildDir, 'Release', 'better_sqlite3.node'), 'node abi 115');
  writeFileSync(join(buildDir, 'config.gypi'), 'node config');
  return { buildDir, backupDir: join(root, 'out', 'native', 'node-better-sqlite3-build'), addon: join(buildDir, 'Release', 'better_sqlite3.node') };
}

/** What electron-builder's npmRebuild does to the module: node-gyp rebuild replaces build/ wholesale. */
function rebuildForElectron(buildDir: string): void {
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(join(buildDir, 'Release'), { recursive: true });
  writeFileSync(join(buildDir, 'Release', 'better_sqlite3.node'), 'electron abi 143');
}

describe('packaging keeps Node’s better-sqlite3', () => {
  it('puts Node’s build back after electron-builder rebuilt it for Electron, and returns the work’s result', async () => {
    const { buildDir, backupDir, addon } = setup();
    const result = await withNodeBuildPreserved(buildDir, backupDir, async () => {
      rebuildForElectron(buildDir);
      expect(readFileSync(addon, 'utf8')).toBe('electron abi 143'); // what gets packaged
      return 0;
    });
    expect(result).toBe(0);
    expect(readFileSync(addon, 'utf8')).toBe('node abi 115');
    expect(readFileSync(join(buildDir, 'config.gypi'), 'utf8')).toBe('node config');
    expect(existsSync(backupDir)).toBe(false);
  });

  it('puts it back when packaging fails too, and passes the failure on', async () => {
    const { buildDir, backupDir, addon } = setup();
    await expect(
      withNodeBuildPreserved(buildDir, backupDir, async () => {
        rebuildForElectron(buildDir);
        throw new Error('signing failed');
      }),
    ).rejects.toThrow('signing failed');
    expect(readFileSync(addon, 'utf8')).toBe('node abi 115');
  });

  it('a backup left by an interrupted run is restored first, so it is never overwritten by Electron’s build', async () => {
    const { buildDir, backupDir, addon } = setup();
    // An earlier run was killed after electron-builder rebuilt the module and before it restored:
    // the (complete) backup holds Node's build, node_modules holds Electron's.
    mkdirSync(join(backupDir, 'Release'), { recursive: true });
    writeFileSync(join(backupDir, 'Release', 'better_sqlite3.node'), readFileSync(addon, 'utf8'));
    rebuildForElectron(buildDir);

    await withNodeBuildPreserved(buildDir, backupDir, async () => {
      expect(readFileSync(addon, 'utf8')).toBe('node abi 115'); // restored before the new run started
      rebuildForElectron(buildDir);
    });
    expect(readFileSync(addon, 'utf8')).toBe('node abi 115');
  });

  it('ignores a half-written backup (killed while copying) and backs up the build as it is', async () => {
    const { buildDir, backupDir, addon } = setup();
    mkdirSync(`${backupDir}.partial`, { recursive: true });
    writeFileSync(join(`${backupDir}.partial`, 'truncated'), '');
    await withNodeBuildPreserved(buildDir, backupDir, async () => rebuildForElectron(buildDir));
    expect(readFileSync(addon, 'utf8')).toBe('node abi 115');
    expect(existsSync(`${backupDir}.partial`)).toBe(false);
  });

  it('refuses to run when there is no Node build to keep', async () => {
    const { buildDir, backupDir } = setup();
    rmSync(buildDir, { recursive: true });
    let ran = false;
    await expect(withNodeBuildPreserved(buildDir, backupDir, async () => (ran = true))).rejects.toThrow(/no Node build/);
    expect(ran).toBe(false);
  });
});
