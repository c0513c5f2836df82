/** For other folders' tests: what makes the crashing test worker crash. */
export { CRASH_DELTA_SEQ, CRASH_SEQ } from './crashingWorker.triggers';
