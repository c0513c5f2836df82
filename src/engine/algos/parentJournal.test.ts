import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../core';
import { ParentJournal } from './parentJournal';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('ParentJournal', () => {
  it('closes cleanly when no algo ever ran (nothing to snapshot, no error logged), and opens again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sq-parent-journal-'));
    dirs.push(dir);
    const clock = new SimulatedClock(1_700_000_000_000);
    const log = recordingLogger();
    await ParentJournal.open(dir, clock, log).close();
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    const again = ParentJournal.open(dir, clock, log);
    expect(again.all()).toEqual([]);
    await again.close();
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
