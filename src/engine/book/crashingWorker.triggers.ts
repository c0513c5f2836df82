/**
 * What makes the test-only crashing book worker (crashingWorker.fixture.ts) crash; apart from it so
 * that tests on the main thread can import these without loading a worker entry.
 */

/** A snapshot with this seq crashes the worker. */
export const CRASH_SEQ = 666;

/** A delta for slot 0 with this seq crashes the worker: a crash in the middle of a live stream. */
export const CRASH_DELTA_SEQ = 60;
