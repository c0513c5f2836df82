/**
 * Child process of the algo crash test: starts a Terminal on SQ_DATA_DIR with the live clock, starts
 * one TWAP (or, if the data dir already has one, lets it resume), prints one JSON line
 * {"t":"ready","id":...} once the TWAP is journaled, then lets it trade until its parent SIGKILLs it.
 *
 * Usage: SQ_DATA_DIR=<dir> SQ_ALGO_QTY=<lots> node --import tsx algoCrashChild.ts
 */
import { writeSync } from 'node:fs';
import { LiveClock, type Logger } from '../../core';
import { Terminal } from '../terminal';

/** A child left running (its parent died without killing it) stops by itself after this long. */
const MAX_LIFETIME_MS = 120_000;
const ALGO_WINDOW_MS = 30_000;

const stderrLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (fields, message) => writeSync(2, `WARN ${message ?? ''} ${JSON.stringify(fields)}\n`),
  error: (fields, message) => writeSync(2, `ERROR ${message ?? ''} ${JSON.stringify(fields)}\n`),
};

async function main(): Promise<void> {
  const dataDir = process.env.SQ_DATA_DIR;
  if (!dataDir) throw new Error('SQ_DATA_DIR is not set');
  const qty = Number(process.env.SQ_ALGO_QTY ?? 3_000);
  const clock = new LiveClock();
  const terminal = await Terminal.start({ dataDir, clock, logger: stderrLogger, mode: 'headless', seed: 41, journalFsync: { mode: 'interval', ms: 50 } });
  for (let i = 0; i < 500; i++) {
    const book = terminal.marketSnapshot('SIM', 'BTC-USDT', 60, 1).book;
    if (book && !book.stale && book.asks.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const parent =
    terminal.listAlgos()[0] ??
    (await terminal.startAlgo({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', qty, endAt: clock.now() + ALGO_WINDOW_MS, seed: 3, params: { type: 'twap', slices: 300 } }, 'ticket'));
  writeSync(1, `${JSON.stringify({ t: 'ready', id: parent.id })}\n`);
  await new Promise((resolve) => setTimeout(resolve, MAX_LIFETIME_MS));
  await terminal.stop();
  clock.clearAll();
}

main().catch((error: unknown) => {
  writeSync(2, `algo crash child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
