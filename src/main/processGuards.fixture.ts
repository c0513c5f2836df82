/**
 * Run by processGuards.test.ts in a child process (`node --import tsx`), because what it tests ends
 * or keeps a whole process. SQ_GUARD_CASE picks the case:
 * - "throw": a real engine host with an order working, guarded as headless.ts guards it; a timer throws.
 * - "reject": the same host; a promise rejects with no one awaiting it; then a real bridge call.
 * - "hang": the guards alone with a halt that never settles; a timer throws.
 * Lines on stdout tell the parent where it got to.
 */
import { resolveBookWorker } from '../engine/book';
import type { Order } from '../engine/oms';
import { Session } from './bridge/session';
import { guardEngineHost, startEngineHost } from './engineHost';
import { createLogger } from './logging';
import { installProcessGuards } from './processGuards';

const dataDir = process.env.SQ_DATA_DIR!;
const which = process.env.SQ_GUARD_CASE;

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 20));

if (which === 'hang') {
  const logger = createLogger(dataDir);
  installProcessGuards({
    logger,
    haltTrading: () => new Promise(() => {}),
    flush: () => logger.flushAndClose(),
    exit: (code) => process.exit(code),
    fatalDeadlineMs: 300,
  });
  console.log('READY');
  setTimeout(() => {
    throw new Error('boom while the venue hangs');
  }, 0);
} else {
  const host = await startEngineHost({ dataDir, mode: 'headless', bookWorker: resolveBookWorker() });
  guardEngineHost(host, { exit: (code) => process.exit(code) });
  const session = new Session('guard-test', () => {});

  if (which === 'throw') {
    const { terminal } = host;
    let bid: number | undefined;
    while ((bid = terminal.marketSnapshot('SIM', 'SOL-USDT', 60, 1).book?.bids[0]?.[0]) === undefined) await nextTurn();
    const accepted = new Promise<void>((resolve) => {
      const off = terminal.events.on('order', (order: Order) => {
        if (order.status !== 'accepted') return;
        off();
        resolve();
      });
    });
    // Twenty ticks under the bid: it rests at the venue, working, when the bug strikes.
    const input = { venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'limit', price: ((bid - 20) / 100).toFixed(2), qty: '0.5' };
    const placed = await host.dispatcher.handle(session, 'orders.submit', input);
    if (!placed.ok) throw new Error(`order refused: ${placed.error.message}`);
    await accepted;
    console.log(`WORKING ${(placed.value as Order).clientOrderId}`);
    setTimeout(() => {
      throw new Error('boom: book state corrupted');
    }, 0);
  } else if (which === 'reject') {
    process.once('unhandledRejection', () => {
      // After the guard has logged it (listeners run in order): the engine must still answer.
      setImmediate(async () => {
        const kill = await host.dispatcher.handle(session, 'kill.state', {});
        const instruments = await host.dispatcher.handle(session, 'instruments.list', {});
        console.log(`ALIVE ${JSON.stringify({ kill, instruments })}`);
        await host.shutdown();
        process.exit(0);
      });
    });
    void Promise.reject(new Error('stray rejection: venue socket write failed'));
  }
}
