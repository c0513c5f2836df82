import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeLeftoverTemporaries, writeFileAtomic } from './atomicFile';
import { vaultDir } from './testSupport';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', () => {
    const d = vaultDir();
    cleanup = d.cleanup;
    writeFileSync(d.file, 'old');
    writeFileAtomic(d.file, Buffer.from('new contents'));
    expect(readFileSync(d.file, 'utf8')).toBe('new contents');
    expect(readdirSync(d.dir)).toEqual(['vault.json']);
  });

  it('throws when the rename fails, removing its temporary file and keeping what was at the path', () => {
    const d = vaultDir();
    cleanup = d.cleanup;
    // A non-empty directory where the file should be: the final rename cannot replace it (even as root).
    mkdirSync(d.file);
    writeFileSync(join(d.file, 'inside'), 'kept');
    expect(() => writeFileAtomic(d.file, Buffer.from('new'))).toThrow();
    expect(readdirSync(d.dir)).toEqual(['vault.json']);
    expect(readFileSync(join(d.file, 'inside'), 'utf8')).toBe('kept');
  });

  it('removes only its own leftovers', () => {
    const d = vaultDir();
    cleanup = d.cleanup;
    for (const name of ['vault.json', 'vault.json.a1b2c3.tmp', 'other.json.a1b2c3.tmp', 'vault.json.bak']) writeFileSync(join(d.dir, name), 'x');
    removeLeftoverTemporaries(d.file);
    expect(readdirSync(d.dir).sort()).toEqual(['other.json.a1b2c3.tmp', 'vault.json', 'vault.json.bak']);
  });
});
