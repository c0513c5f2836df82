/**
 * Child process of the crash-recovery test: starts a Terminal on SQ_DATA_DIR (which recovers
 * whatever an earlier, killed run left there), then trades randomly and fast on SIM until its parent
 * kills it with SIGKILL. After every 'order' and 'fill' event (both come only once the change is
 * durable in the journal) it writes one JSON line to stdout synchronously, so the parent knows
 * exactly what was acknowledged at the moment of the kill.
 *
 * Usage: SQ_DATA_DIR=<dir> SQ_CRASH_SEED=<n> node --import tsx crashChild.ts
 */
import { writeSync } from 'node:fs';
import { LiveClock, type Logger, Rng } from '../../core';
import { isWorking, type Order } from '../../oms';
import { Terminal } from '../terminal';
import { type ChildLine, formatLine } from './acks';
import { RandomTrader } from './randomTrader';

/** A child left running (its parent died without killing it) stops by itself after this long. */
const MAX_LIFETIME_MS = 120_000;

/**
 * Writes the whole line before returning. stdout is a pipe the parent drains; if it is full a
 * non-blocking write says EAGAIN and the rest is written again, never dropped or reordered.
 */
function writeLine(line: ChildLine): void {
  const bytes = Buffer.from(formatLine(line));
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

/** Warnings and errors go to stderr, which the parent shows when a round fails; the rest is noise here. */
const stderrLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (fields, message) => writeSync(2, `WARN ${message ?? ''} ${JSON.stringify(fields)}\n`),
  error: (fields, message) => writeSync(2, `ERROR ${message ?? ''} ${JSON.stringify(fields)}\n`),
};

/** The book worker is a real thread: trading waits until every instrument has a two-sided book. */
async function booksLive(terminal: Terminal): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const live = terminal.instruments().every((inst) => {
      const book = terminal.marketSnapshot(inst.venue, inst.symbol, 60, 1).book;
      return book !== undefined && !book.stale && book.bids.length > 0 && book.asks.length > 0;
    });
    if (live) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('books never became live');
}

const orderLine = (o: Order): ChildLine => ({ t: 'order', id: o.clientOrderId, status: o.status, qty: o.qty, filledQty: o.filledQty, version: o.version });

async function main(): Promise<void> {
  const dataDir = process.env.SQ_DATA_DIR;
  if (!dataDir) throw new Error('SQ_DATA_DIR is not set');
  const seed = Number(process.env.SQ_CRASH_SEED ?? 1);
  const clock = new LiveClock();

  writeLine({ t: 'starting' });
  const startedAt = performance.now();
  const terminal = await Terminal.start({
    dataDir,
    clock,
    logger: stderrLogger,
    mode: 'headless',
    seed,
    // Written to the OS before it is acknowledged: survives a kill of the process, which is what is tested.
    journalFsync: { mode: 'interval', ms: 50 },
  });
  const recoveryMs = Math.round(performance.now() - startedAt);
  terminal.events.on('order', (order) => writeLine(orderLine(order)));
  terminal.events.on('fill', (fill) =>
    writeLine({ t: 'fill', fillId: fill.fillId, id: fill.clientOrderId, symbol: fill.symbol, side: fill.side, qty: fill.qty }),
  );

  const all = terminal.orders(Number.MAX_SAFE_INTEGER);
  const working = all.filter(isWorking);
  // Orders that were already working are tradable again: the trader amends and cancels them too.
  const trader = new RandomTrader(terminal, clock, new Rng(seed), working);
  terminal.events.on('order', (order) => trader.onOrder(order));
  await booksLive(terminal);
  writeLine({ t: 'ready', recoveryMs, orders: all.length, working: working.length, fills: terminal.fills(Number.MAX_SAFE_INTEGER).length });

  const stopAt = clock.now() + MAX_LIFETIME_MS;
  for (;;) {
    trader.act();
    if (clock.now() > stopAt) break;
    // Real time between actions lets venue events, journal commits and the synthetic market run.
    await new Promise((resolve) => setTimeout(resolve, trader.pauseMs()));
  }
  await terminal.stop();
  clock.clearAll();
}

main().catch((error: unknown) => {
  writeSync(2, `crash child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
