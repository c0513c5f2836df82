import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bindingStamp,
  electronBindingDir,
  electronBindingFile,
  electronBindingStampFile,
  electronBindingState,
  sqliteBindingForElectron,
  type ElectronTarget,
} from './sqliteBinding';

const roots: string[] = [];
function projectRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'sq-binding-'));
  roots.push(root);
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const target: ElectronTarget = { electron: '40.10.2', platform: 'linux', arch: 'x64' };

function built(root: string, stamp: object | string = bindingStamp(target, '12.11.1')): void {
  mkdirSync(electronBindingDir(root, target), { recursive: true });
  writeFileSync(electronBindingFile(root, target), 'native code');
  writeFileSync(electronBindingStampFile(root, target), typeof stamp === 'string' ? stamp : JSON.stringify(stamp));
}

describe('better-sqlite3 for Electron', () => {
  it('keeps one build per Electron version, platform and arch under out/native, apart from node_modules', () => {
    expect(electronBindingFile('/p', target)).toBe(join('/p', 'out', 'native', 'electron-40.10.2-linux-x64', 'better_sqlite3.node'));
    expect(electronBindingDir('/p', { ...target, arch: 'arm64' })).not.toBe(electronBindingDir('/p', target));
  });

  it('is current only when built for exactly this Electron, platform, arch and better-sqlite3', () => {
    const root = projectRoot();
    expect(electronBindingState(root, target, '12.11.1')).toBe('missing');
    built(root);
    expect(electronBindingState(root, target, '12.11.1')).toBe('current');
    // The JS half in node_modules was upgraded: the native half must follow.
    expect(electronBindingState(root, target, '12.12.0')).toBe('stale');
    built(root, { ...bindingStamp(target, '12.11.1'), electron: '40.9.0' });
    expect(electronBindingState(root, target, '12.11.1')).toBe('stale');
    built(root, 'not json');
    expect(electronBindingState(root, target, '12.11.1')).toBe('stale');
  });

  it('a binding without its stamp (a build that was interrupted) is not trusted', () => {
    const root = projectRoot();
    built(root);
    rmSync(electronBindingStampFile(root, target));
    expect(electronBindingState(root, target, '12.11.1')).toBe('stale');
  });

  it('a packaged app uses the default binding (electron-builder rebuilt node_modules for Electron) and never reads out/native', () => {
    let asked = false;
    const binding = sqliteBindingForElectron({
      isPackaged: true,
      appRoot: '/Applications/ShrivenQuant Terminal.app/Contents/Resources/app.asar',
      target,
      betterSqlite3: () => {
        asked = true;
        return '12.11.1';
      },
    });
    expect(binding).toBeUndefined();
    expect(asked).toBe(false);
  });

  it('an unpackaged run uses the out/native build, and says how to get one when it is missing or stale', () => {
    const root = projectRoot();
    const query = { isPackaged: false, appRoot: root, target, betterSqlite3: () => '12.11.1' };
    expect(() => sqliteBindingForElectron(query)).toThrow(/no build for Electron 40\.10\.2 \(linux-x64\).*npm start/);
    built(root, bindingStamp(target, '12.10.0'));
    expect(() => sqliteBindingForElectron(query)).toThrow(/out-of-date build/);
    built(root);
    expect(sqliteBindingForElectron(query)).toBe(electronBindingFile(root, target));
  });
});
