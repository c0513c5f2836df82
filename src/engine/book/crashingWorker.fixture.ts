/**
 * Test-only worker entry: the real book worker, plus a listener that crashes the thread when it sees
 * a snapshot with seq 666 — an uncaught exception, exactly what a bug in the worker would do.
 */
import { parentPort } from 'node:worker_threads';
import './worker';

export const CRASH_SEQ = 666;

parentPort?.on('message', (message: { type: string; seq?: number }) => {
  if (message.type === 'snapshot' && message.seq === CRASH_SEQ) throw new Error('simulated book worker bug');
});
