import { describe, expect, it } from 'vitest';
import { LiveClock, type VenueEvent } from '../../src/engine/core';
import { waitFor } from '../../src/engine/terminal/testSupport';
import { connectBenchAdapter, startBenchVenue } from '../../bench/orderWire';

/**
 * The order-wire bench's own setup (`npm run bench -- orderWire`, and the end of `-- venue`): its venue
 * process and the adapter it times must connect and carry an order, or the bench measures nothing. It
 * once failed after the spot adapter's account stream moved to the WebSocket API, whose URL the bench did
 * not pass (the adapter dialled ws-api.binance.com).
 */
describe('order-wire bench setup', () => {
  it('connects the spot adapter to the bench venue (REST through the timing proxy, account stream on its WebSocket API) and carries an order to it', async () => {
    const venue = await startBenchVenue();
    try {
      const adapter = await connectBenchAdapter(venue, new LiveClock());
      try {
        expect(adapter.instruments().map((i) => i.venueSymbol)).toEqual(['BTCUSDT']);
        const events: VenueEvent[] = [];
        adapter.onEvent((e) => events.push(e));
        adapter.submit({ clientOrderId: 'wire-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'IOC', postOnly: false, reduceOnly: false, price: 1_900_000, qty: 100 });
        await waitFor(() => events.some((e) => e.type === 'orderAccepted' && e.clientOrderId === 'wire-1'), 'the venue accepts the order');
        await waitFor(() => venue.arrivals.has('wire-1'), 'the proxy timestamps the order request');
        expect(events.filter((e) => e.type === 'orderRejected')).toEqual([]);
      } finally {
        await adapter.disconnect();
      }
    } finally {
      venue.stop();
    }
  }, 120_000);
});
