import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng, SimulatedClock } from '../../core';
import { STORE_FILE } from '../../storage';
import { recoverInProcess, runAndKill, tail } from './crashHarness';
import { AckLedger, recoveryProblems } from './recoveryChecks';
import { readVenueTruth } from './venueTruth';

/**
 * engine.sqlite is only a projection of the order journal. A terminal trades on SIM and is killed;
 * then its SQLite is lost in one of the ways it can be: deleted, rolled back to an earlier commit (what
 * a power cut does to its unsynced WAL under synchronous=NORMAL), or replaced by an older copy. The
 * restarted terminal must show every fill, position, average price, realised P&L and fee the venue's
 * own journal gives, to the lot, and every order acknowledged before.
 */
const ROUNDS = Number(process.env.SQ_SQLITE_LOSS_ROUNDS ?? 3);
const SEED = Number(process.env.SQ_SQLITE_LOSS_SEED ?? 20261122);
const VENUE = 'SIM';
const TRADE_MS: [number, number] = [200, 700];

type Loss = 'deleted' | 'rolled back' | 'older copy';
/**
 * Each kind once in the default rounds; which commit a rollback keeps is random. The older copy is
 * the one taken right after the first kill, so by then the journal has snapshots past it.
 */
const LOSSES: readonly Loss[] = ['deleted', 'rolled back', 'older copy'];

const storeFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith(STORE_FILE));

/**
 * A power cut under synchronous=NORMAL: the WAL keeps only the frames that reached the disk, a prefix.
 * Cut it at a random frame boundary (SQLite then uses the last whole transaction in what is left)
 * and drop the shared-memory index, which SQLite rebuilds from the WAL. Returns the frames kept/held.
 */
function rollBackWal(dir: string, rng: Rng): string {
  const wal = join(dir, `${STORE_FILE}-wal`);
  if (!existsSync(wal) || statSync(wal).size < 32) return 'no WAL to roll back (nothing since the last checkpoint)';
  const header = Buffer.alloc(32);
  const fd = openSync(wal, 'r');
  try {
    readSync(fd, header, 0, 32, 0);
  } finally {
    closeSync(fd);
  }
  const pageSize = header.readUInt32BE(8);
  const frames = Math.floor((statSync(wal).size - 32) / (24 + pageSize));
  const keep = rng.int(0, frames);
  truncateSync(wal, 32 + keep * (24 + pageSize));
  rmSync(join(dir, `${STORE_FILE}-shm`), { force: true });
  return `WAL cut to ${keep} of ${frames} frames`;
}

function lose(dir: string, loss: Loss, backup: string | undefined, rng: Rng): string {
  if (loss === 'rolled back') return rollBackWal(dir, rng);
  for (const f of storeFiles(dir)) rmSync(join(dir, f));
  if (loss === 'deleted') return 'engine.sqlite deleted';
  if (!backup) throw new Error('no older copy to restore');
  for (const f of readdirSync(backup)) copyFileSync(join(backup, f), join(dir, f));
  return 'engine.sqlite replaced by the copy taken after the first kill';
}

let dataDir: string | undefined;
let keepDataDir = false;

afterAll(() => {
  if (dataDir && !keepDataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('SQLite lost at random points of a trading run: the journal gives everything back', () => {
  it(
    `fills, positions and realised P&L after the restart equal the venue's (${ROUNDS} rounds)`,
    { timeout: 30_000 + ROUNDS * 25_000 },
    async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'sq-sqlite-loss-'));
      keepDataDir = true;
      const backup = join(dataDir, 'older-copy');
      const rng = new Rng(SEED);
      const acks = new AckLedger();
      let restoredFills = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const childSeed = rng.int(1, 2 ** 31);
        const ms = rng.int(TRADE_MS[0], TRADE_MS[1]);
        const run = await runAndKill(dataDir, childSeed, { after: 'ready', ms });
        const added = acks.add(run.lines, round);
        if (round === 1) {
          mkdirSync(backup);
          for (const f of storeFiles(dataDir)) copyFileSync(join(dataDir, f), join(backup, f));
        }
        const what = lose(dataDir, LOSSES[(round - 1) % LOSSES.length]!, backup, rng);

        const recovered = await recoverInProcess(dataDir, childSeed);
        const venue = await readVenueTruth(dataDir, VENUE, new SimulatedClock(Date.now()));
        console.log(
          `round ${round}/${ROUNDS}: traded ${ms} ms, acknowledged ${added.fills} fills; ${what}; ` +
            `restarted in ${recovered.recoveryMs} ms: ${recovered.state.orders.length} orders, ${recovered.state.fills.length} fills, venue ${venue.fills.length} fills`,
        );
        const problems = recoveryProblems(acks, recovered.state, venue);
        expect(problems.slice(0, 60), `round ${round} (seed ${SEED}), data dir kept at ${dataDir}\n${tail(recovered.warnings.join('\n'))}\n${tail(run.stderr)}`).toEqual([]);
        restoredFills = recovered.state.fills.length;
      }
      expect(acks.fills.size).toBeGreaterThan(0);
      expect(restoredFills).toBeGreaterThan(0);
      keepDataDir = false;
    },
  );
});
