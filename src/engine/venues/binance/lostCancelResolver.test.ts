import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../instruments';
import { spotSetup } from './binanceClient.fixture';
import { LostCancelResolver } from './lostCancelResolver';
import type { WireOrder } from './spotOrderWire';

const BTC_USDT: Instrument = { venue: 'binance-test', symbol: 'BTC-USDT', venueSymbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', priceDecimals: 2, qtyDecimals: 5, tickSize: 1, lotSize: 1, minNotional: 50_000_000 };

/*
 * What the resolver concludes about a cancel whose answer was lost, from what Binance has. Here the
 * cancel is modelled as lost before it reached Binance (it is simply not sent): the order is still
 * working there, and the resolver must not call the cancel failed before the cancel could no longer
 * arrive (recvWindow after it was signed), nor call it done at all.
 */
describe('a cancel whose answer was lost', () => {
  it('is refused once it can no longer arrive while Binance still has the order working; asked again meanwhile', async () => {
    const s = await spotSetup();
    const rest = s.client(s.alice);
    const placed = await rest.signed<WireOrder>('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '19000', newClientOrderId: 'w-1' });
    expect(placed.ok).toBe(true);
    const outcome: string[] = [];
    const resolver = new LostCancelResolver({
      rest,
      clock: s.clock,
      logger: s.logger,
      policy: { intervalMs: 1000, attempts: 30 },
      ended: async (_inst, o) => void outcome.push(`ended ${o.status}`),
      refused: (_inst, id, reason) => void outcome.push(`refused ${id}: ${reason}`),
    });
    const madeBy = s.clock.now();
    const resolving = resolver.resolve(BTC_USDT, 'w-1', madeBy);
    for (let i = 0; i < 100 && outcome.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
      s.clock.advance(500);
    }
    await resolving;
    expect(outcome).toEqual([expect.stringMatching(/^refused w-1: the cancel's answer was lost and \d+ ms later \(beyond recvWindow 5000 ms\) Binance still has the order NEW: the cancel did not take effect$/)]);
    expect(Number(/(\d+) ms later/.exec(outcome[0]!)?.[1])).toBeGreaterThanOrEqual(6000);
    expect(s.venue.exchange.working('alice').map((o) => o.clientOrderId)).toEqual(['w-1']);
  });

  it('reports the order ended when Binance has it canceled, and a refusal in Binance\'s words when it never had it', async () => {
    const s = await spotSetup();
    const rest = s.client(s.alice);
    await rest.signed('POST', '/api/v3/order', { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '19000', newClientOrderId: 'c-1' });
    await rest.signed('DELETE', '/api/v3/order', { symbol: 'BTCUSDT', origClientOrderId: 'c-1' });
    const outcome: string[] = [];
    const resolver = new LostCancelResolver({
      rest,
      clock: s.clock,
      logger: s.logger,
      policy: { intervalMs: 1000, attempts: 3 },
      ended: async (_inst, o) => void outcome.push(`ended ${o.clientOrderId} ${o.status}`),
      refused: (_inst, id, reason) => void outcome.push(`refused ${id}: ${reason}`),
    });
    await resolver.resolve(BTC_USDT, 'c-1', s.clock.now());
    await resolver.resolve(BTC_USDT, 'never-1', s.clock.now());
    expect(outcome).toEqual(['ended c-1 CANCELED', 'refused never-1: the cancel\'s answer was lost and Binance says "Order does not exist."']);
  });
});
