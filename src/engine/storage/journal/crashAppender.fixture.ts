/**
 * Child process for the crash test: appends records forever under fsync policy 'always' and prints
 * `ack <seq>` after each commit resolves, until the parent kills it with SIGKILL.
 * Usage: node --import tsx crashAppender.fixture.ts <dataDir> <seed>
 */
import { LiveClock, Rng } from '../../core';
import { openJournal } from './journal';

/** The payload record `seq` must carry; the test recomputes it to check what survived. */
export function crashPayload(seq: number): Buffer {
  const bytes = Buffer.allocUnsafe(50 + ((seq * 7919) % 200));
  for (let i = 0; i < bytes.length; i++) bytes[i] = (seq * 31 + i * 17) & 0xff;
  return bytes;
}

export const crashType = (seq: number): number => 1 + (seq % 255);

async function main(dataDir: string, seed: number): Promise<void> {
  const opened = openJournal(dataDir, { clock: new LiveClock(), fsync: { mode: 'always' }, segmentBytes: 64 * 1024 });
  if (!opened.ok) throw new Error(opened.error.message);
  const { journal } = opened.value;
  const rng = new Rng(seed);
  for (;;) {
    const group = rng.int(1, 40);
    for (let i = 0; i < group; i++) {
      const seq = journal.lastSeq + 1;
      journal.append(crashType(seq), crashPayload(seq));
    }
    const acked = await journal.commit();
    process.stdout.write(`ack ${acked}\n`);
  }
}

if (process.argv[1]?.endsWith('crashAppender.fixture.ts')) {
  void main(process.argv[2]!, Number(process.argv[3] ?? 1));
}
