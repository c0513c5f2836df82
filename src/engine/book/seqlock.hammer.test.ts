import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BookReader, TOP_ASK_COUNT, TOP_BID_COUNT, TOP_LEVELS, TOP_SEQ, TOP_STATUS, TOP_VERSION, topAskOffset, topBufferLength } from './bookReader';
import { askCountOf, bidCountOf, generationPrice, type HammerConfig } from './hammerWriter.fixture';
import { createBookBuffer, SlotStatus } from './layout';
import { tsxWorkerExecArgv } from './workerPath';

const DEPTH = 50;
const N = 20;
const GENERATIONS = 300_000;
/** Safety stop for the read loop if the writer never finishes; not a timing assertion. */
const MAX_READS = 10_000_000;

/** Everything wrong with one picture of generation g, or undefined if it is exactly generation g. */
function problemWith(out: Float64Array): string | undefined {
  const g = out[TOP_SEQ]!;
  if (out[TOP_STATUS] !== SlotStatus.LIVE) return `status ${out[TOP_STATUS]} at seq ${g}`;
  if (!Number.isInteger(g) || g < 1 || g > GENERATIONS) return `seq ${g} is not a generation`;
  if (out[TOP_VERSION] !== g) return `version ${out[TOP_VERSION]} but seq ${g}`;
  const nb = out[TOP_BID_COUNT]!;
  const na = out[TOP_ASK_COUNT]!;
  if (nb !== Math.min(N, bidCountOf(g, DEPTH))) return `generation ${g}: ${nb} bids`;
  if (na !== Math.min(N, askCountOf(g, DEPTH))) return `generation ${g}: ${na} asks`;
  const askAt = topAskOffset(N);
  for (let j = 0; j < nb; j++) {
    const price = out[TOP_LEVELS + 2 * j]!;
    const qty = out[TOP_LEVELS + 2 * j + 1]!;
    if (qty !== g) return `generation ${g}: bid ${j} has qty ${qty}`;
    if (price !== generationPrice('bid', g, j)) return `generation ${g}: bid ${j} at ${price}`;
    if (j > 0 && !(price < out[TOP_LEVELS + 2 * (j - 1)]!)) return `generation ${g}: bids not descending at ${j}`;
  }
  for (let j = 0; j < na; j++) {
    const price = out[askAt + 2 * j]!;
    const qty = out[askAt + 2 * j + 1]!;
    if (qty !== g) return `generation ${g}: ask ${j} has qty ${qty}`;
    if (price !== generationPrice('ask', g, j)) return `generation ${g}: ask ${j} at ${price}`;
    if (j > 0 && !(price > out[askAt + 2 * (j - 1)]!)) return `generation ${g}: asks not ascending at ${j}`;
  }
  if (!(out[TOP_LEVELS]! < out[askAt]!)) return `generation ${g}: crossed ${out[TOP_LEVELS]} >= ${out[askAt]}`;
  return undefined;
}

describe('seqlock under a hammering writer thread', () => {
  it('never lets the main thread see a torn, mixed or crossed top-20, and does see the book move', async () => {
    const sab = createBookBuffer(4, DEPTH);
    const control = new SharedArrayBuffer(8);
    const ctl = new Int32Array(control);
    const slot = 2; // not slot 0, so slot offsets are exercised too
    const config: HammerConfig = { sab, control, slot, generations: GENERATIONS, workBetweenWrites: 200 };
    const worker = new Worker(new URL('./hammerWriter.fixture.ts', import.meta.url), {
      workerData: config,
      execArgv: tsxWorkerExecArgv(),
    });
    try {
      await once(worker, 'message'); // the writer is loaded and waiting for "go"
      const reader = new BookReader(sab);
      const out = new Float64Array(topBufferLength(N));
      const problems: string[] = [];
      let reads = 0;
      let distinct = 0;
      let lastSeq = 0;

      Atomics.store(ctl, 0, 1);
      Atomics.notify(ctl, 0);
      let writerDone = false;
      while (!writerDone && reads < MAX_READS) {
        writerDone = Atomics.load(ctl, 1) === 1; // checked before the read, so the last read sees the final write
        reads++;
        // A read may give up ("unreadable", the safe answer) if the writer thread is descheduled in the
        // middle of a write for longer than the reader's spin budget, as happens on a loaded machine.
        // That is not asserted on; what must never happen is a wrong picture.
        if (!reader.readTopInto(slot, N, out)) continue;
        if (out[TOP_SEQ] === 0 && out[TOP_STATUS] === SlotStatus.EMPTY) continue; // before the first write
        const problem = problemWith(out);
        if (problem !== undefined) {
          if (problems.length < 5) problems.push(problem);
          continue;
        }
        const seq = out[TOP_SEQ]!;
        if (seq < lastSeq) problems.push(`seq went back from ${lastSeq} to ${seq}`);
        if (seq !== lastSeq) distinct++;
        lastSeq = seq;
      }

      expect(writerDone).toBe(true);
      expect(problems).toEqual([]);
      expect(lastSeq).toBe(GENERATIONS);
      // Progress: the reader saw the book move through many generations, not one frozen picture. The
      // bound is low because on a loaded machine both threads may share one core in coarse slices.
      expect(distinct).toBeGreaterThan(10);
    } finally {
      await worker.terminate();
    }
  });
});
