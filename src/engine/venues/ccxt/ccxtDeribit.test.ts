import { afterEach, describe, expect, it } from 'vitest';
import { LiveClock, recordingLogger, type VenueEvent } from '../../core';
import { startDeribitLoopback } from '../deribit/testSupport';
import { CcxtAdapter } from './ccxtAdapter';
import { waitUntil } from './testSupport';

/**
 * A ccxt:deribit account trading options, against the loopback Deribit venue, which serves public
 * market data only: the account reads the option markets, then checks its key by reading the balance
 * (private/get_account_summaries), which the loopback refuses as Deribit refuses a bad key. The account
 * is then not connected, with Deribit's own words: what a trader would see with a wrong key, and what
 * says plainly that Deribit trading (orders, balances, account streams) is not exercised by any test here.
 */
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('a ccxt:deribit option account', () => {
  it('loads the option markets, then is refused at the balance check with the venue words, and says so', async () => {
    const now = Date.UTC(2026, 11, 7, 12);
    const loopback = await startDeribitLoopback({ now, expiries: [Date.UTC(2026, 11, 25, 8), Date.UTC(2027, 0, 29, 8)], strikes: [100_000], index: 99_000, perpetual: 99_000, future: 100_000, volatility: 0.5 });
    cleanup.push(() => loopback.stop());
    const clock = new LiveClock();
    cleanup.push(() => clock.clearAll());
    const adapter = new CcxtAdapter({
      account: { name: 'my-deribit', venue: 'ccxt:deribit', environment: 'production', apiKey: 'client-id', secret: 'client-secret', restUrl: loopback.restUrl, streamUrl: loopback.wsUrl },
      clock,
      logger: recordingLogger(),
      random: () => 0.5,
      marketTypes: ['option'],
      contractKinds: ['linear'],
    });
    cleanup.push(() => adapter.disconnect());
    const events: VenueEvent[] = [];
    adapter.onEvent((e) => events.push(e));
    await adapter.connect();
    await waitUntil(() => events.some((e) => e.type === 'connection' && e.state === 'disconnected'), 'the connection outcome');
    const outcome = events.filter((e): e is Extract<VenueEvent, { type: 'connection' }> => e.type === 'connection').at(-1)!;
    expect(outcome.state).toBe('disconnected');
    expect(outcome.reason).toMatch(/unauthorized/i);
    expect(loopback.calls).toContain('public/get_instruments');
    expect(loopback.calls.some((c) => c.startsWith('private/'))).toBe(true);
  });
});
