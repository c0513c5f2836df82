import type { Reply } from '../../contract';
import type { SimulatedClock } from '../../engine/core';
import type { Terminal } from '../../engine/terminal';
import { runUntil } from '../../engine/terminal/testSupport';

/** Until both SIM-A's and SIM-B's BTC-USDT books are live in the book worker (it runs on its own thread). */
export async function bothBooksLive(terminal: Terminal, clock: SimulatedClock): Promise<void> {
  await runUntil(
    clock,
    () => {
      const b = terminal.consolidatedBook(['SIM-A', 'SIM-B'], 'BTC-USDT', 10);
      return b.excluded.length === 0 && new Set([...b.bids, ...b.asks].flatMap((l) => l.venues.map((v) => v.venue))).size === 2;
    },
    'both books live',
  );
}

/** A reply's value; a refusal fails the test with the engine's code and words. */
export const value = <T>(r: Reply<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
