import { afterEach, describe, expect, it } from 'vitest';
import { LiveClock, recordingLogger, type VenueEvent } from '../../core';
import { CcxtAdapter } from './ccxtAdapter';
import { ccxtBinanceUsdmLoopback, waitUntil } from './testSupport';

const clocks: LiveClock[] = [];
const adapters: CcxtAdapter[] = [];
afterEach(async () => {
  for (const a of adapters.splice(0)) await a.disconnect();
  for (const c of clocks.splice(0)) c.clearAll();
});

describe('ccxt account trading perpetual swaps (ccxt:binance at the loopback Binance USD-M venue)', () => {
  it('loads only the swap markets, trades reduce-only, and hears its position from watchPositions', async () => {
    const l = await ccxtBinanceUsdmLoopback();
    const clock = new LiveClock();
    clocks.push(clock);
    const logger = recordingLogger();
    const venue = new CcxtAdapter({ account: l.account, clock, logger, random: () => 0.5, marketTypes: ['swap'], contractKinds: ['linear'], exchangeOptions: l.exchangeOptions, backoff: { initialMs: 20, maxMs: 200 } });
    adapters.push(venue);
    const events: VenueEvent[] = [];
    venue.onEvent((e) => events.push(e));
    await venue.connect();
    expect(events.find((e) => e.type === 'connection' && e.state === 'disconnected')).toBeUndefined();
    expect(venue.instruments().map((i) => [i.symbol, i.venueSymbol, i.tickSize, i.priceDecimals, i.lotSize, i.qtyDecimals])).toEqual([
      ['BTC-USDT-PERP', 'BTC/USDT:USDT', 1, 1, 1, 3],
      ['ETH-USDT-PERP', 'ETH/USDT:USDT', 1, 2, 1, 3],
    ]);
    venue.submit({ clientOrderId: 'long-1', symbol: 'BTC-USDT-PERP', side: 'buy', type: 'market', tif: 'IOC', postOnly: false, reduceOnly: false, qty: 10 });
    await waitUntil(() => events.some((e) => e.type === 'orderFilled' && e.clientOrderId === 'long-1'), 'market order filled');
    await waitUntil(() => events.some((e) => e.type === 'venuePositions' && e.positions.some((p) => p.symbol === 'BTC-USDT-PERP' && p.qty === 10)), 'position heard');
    const position = events.filter((e): e is Extract<VenueEvent, { type: 'venuePositions' }> => e.type === 'venuePositions').at(-1)!;
    expect(position.positions.find((p) => p.symbol === 'BTC-USDT-PERP')).toMatchObject({ symbol: 'BTC-USDT-PERP', qty: 10, entryPrice: 200_001 });
    // Reduce-only more than the position: the venue refuses it in its own words.
    venue.submit({ clientOrderId: 'flip-1', symbol: 'BTC-USDT-PERP', side: 'sell', type: 'market', tif: 'IOC', postOnly: false, reduceOnly: true, qty: 20 });
    venue.submit({ clientOrderId: 'close-1', symbol: 'BTC-USDT-PERP', side: 'sell', type: 'market', tif: 'IOC', postOnly: false, reduceOnly: true, qty: 10 });
    await waitUntil(() => events.some((e) => e.type === 'orderFilled' && e.clientOrderId === 'close-1'), 'closing order filled');
    await waitUntil(() => events.some((e) => e.type === 'orderRejected' && e.clientOrderId === 'flip-1'), 'reduce-only beyond the position refused');
    expect(events.filter((e) => 'clientOrderId' in e && e.clientOrderId === 'flip-1')).toEqual([{ type: 'orderRejected', venue: 'my-ccxt', clientOrderId: 'flip-1', reason: 'ReduceOnly Order is rejected.', ts: expect.any(Number) }]);
    expect(events.filter((e) => e.type === 'orderFilled').map((e) => (e as { clientOrderId: string }).clientOrderId)).toEqual(['long-1', 'close-1']);
  });
});
