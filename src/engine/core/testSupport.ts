import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Order } from './orderModel';

/** A resting BTC-USDT limit buy on SIM, as tests start from; `over` sets what a test is about. */
export const testOrder = (over: Partial<Order> = {}): Order => ({
  clientOrderId: 'o-1',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  price: 1000,
  qty: 10,
  filledQty: 0,
  filledValue: 0,
  fees: 0,
  status: 'accepted',
  version: 1,
  source: 'ticket',
  createdAt: 0,
  updatedAt: 0,
  ...over,
});

/**
 * Waits in real time, polling `done` every `pollMs`, for a test that waits on real I/O (sockets, fsync,
 * worker threads); fails with `what` after `maxPolls`. Bounded: never a fixed sleep, never a timing assertion.
 */
export async function waitFor(done: () => unknown, what: string, maxPolls = 500, pollMs = 20): Promise<void> {
  for (let i = 0; i < maxPolls && !done(); i++) await new Promise((r) => setTimeout(r, pollMs));
  if (!done()) throw new Error(`${what}: not after ${maxPolls} polls ${pollMs} ms apart`);
}

/** The error of `kind` a call throws (sync or async), for a test to check its code and message; fails on anything else or nothing. */
export async function thrownBy<E extends Error>(kind: abstract new (...args: never[]) => E, run: () => unknown): Promise<E> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(kind);
    return error as E;
  }
  throw new Error(`expected ${kind.name}, nothing was thrown`);
}

/**
 * A fresh temp directory per test; after it, the clean-up steps the test pushed run (last first: an engine
 * stops before its store closes), then the directory is removed.
 */
export function dirPerTest(prefix: string): { readonly dir: string; readonly cleanup: (() => Promise<void> | void)[] } {
  let dir = '';
  const cleanup: (() => Promise<void> | void)[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    cleanup,
  };
}
