/**
 * Test-only worker entry: the real book worker, plus a listener that crashes the thread (an uncaught
 * exception, exactly what a bug in the worker would do) when it sees
 * - a snapshot with seq CRASH_SEQ, or
 * - a delta for slot 0 with seq CRASH_DELTA_SEQ: a crash in the middle of a live stream. A worker
 *   started after it gets slot 0's snapshot at that seq or later, so it does not crash again there.
 * (crashingWorker.triggers.ts holds the two numbers.)
 */
import { parentPort } from 'node:worker_threads';
import { CRASH_DELTA_SEQ, CRASH_SEQ } from './crashingWorker.triggers';
import type { ToWorker } from './protocol';
import './worker';

parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'snapshot' && message.seq === CRASH_SEQ) throw new Error('simulated book worker bug');
  if (message.type === 'deltas' && hasSlot0Delta(message.data, message.length, CRASH_DELTA_SEQ)) {
    throw new Error('simulated book worker bug mid-stream');
  }
});

/** Walks a packed delta batch (see DeltaBatch: slot, seq, count, then count x (side, price, qty)). */
function hasSlot0Delta(data: Float64Array, length: number, seq: number): boolean {
  for (let o = 0; o < length; o += 3 + 3 * data[o + 2]!) if (data[o] === 0 && data[o + 1] === seq) return true;
  return false;
}
