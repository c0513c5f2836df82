import { describe, expect, it } from 'vitest';
import { SqError, type VenueEvent } from '../../core';
import { everythingSaid, spotSetup, type Credentials, type SpotSetup } from './binanceClient.fixture';
import { BinanceSpotAdapter } from './binanceSpotAdapter';
import { SPOT_PRICE_AMEND_REFUSED } from './spotOrders';

function adapter(s: SpotSetup, who: Credentials, symbols?: string[]) {
  const account = { name: 'my-binance', apiKey: who.apiKey, secret: who.secret, restUrl: s.venue.restUrl, wsApiUrl: `${s.venue.wsUrl}/ws-api/v3` };
  const venue = new BinanceSpotAdapter({ account, clock: s.clock, logger: s.logger, ...(symbols ? { symbols } : {}) });
  const events: VenueEvent[] = [];
  venue.onEvent((e) => events.push(e));
  return { venue, events };
}

const order = { clientOrderId: 'o-1', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'GTC', postOnly: false, reduceOnly: false, price: 1_900_000, qty: 1000 } as const;

describe('Binance spot account as a VenueAdapter', () => {
  it('connects (symbols loaded, key checked, account stream subscribed, balances read), trades under the account\'s name, and disconnects', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, s.bob);
    await venue.connect();
    expect(events).toEqual([
      { type: 'connection', venue: 'my-binance', state: 'connecting' },
      { type: 'balances', venue: 'my-binance', ts: s.clock.now(), complete: true, balances: [{ asset: 'USDT', free: '50000.00000000', locked: '0.00000000' }, { asset: 'BTC', free: '3.00000000', locked: '0.00000000' }] },
      { type: 'connection', venue: 'my-binance', state: 'connected' },
    ]);
    expect(venue.instruments().map((i) => [i.symbol, i.venue])).toEqual([['BTC-USDT', 'my-binance'], ['ETH-USDT', 'my-binance']]);
    venue.submit(order);
    await venue.disconnect(); // waits for the order's answer
    // The stream's report and the REST answer both tell of the acceptance: said once.
    expect(events.slice(3).filter((e) => e.type !== 'balances').map((e) => e.type)).toEqual(['orderAccepted', 'connection']);
    expect(events.at(-1)).toEqual({ type: 'connection', venue: 'my-binance', state: 'disconnected' });
    expect(s.venue.exchange.working('bob').map((o) => o.clientOrderId)).toEqual(['o-1']);
  });

  it('refuses a price change in plain words, sending nothing: Binance spot has no such amend', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, s.alice);
    await venue.connect();
    venue.amend('BTC-USDT', 'o-9', { price: 1_900_100 });
    await venue.disconnect();
    expect(events.find((e) => e.type === 'amendRejected')).toEqual({ type: 'amendRejected', venue: 'my-binance', clientOrderId: 'o-9', reason: SPOT_PRICE_AMEND_REFUSED, ts: s.clock.now() });
    expect(SPOT_PRICE_AMEND_REFUSED).toMatch(/^Binance spot cannot change a working order's price: only cancel-replace can/);
  });

  it('stays disconnected with the venue\'s words when the key is refused, and refuses orders without sending them', async () => {
    const s = await spotSetup();
    const { venue, events } = adapter(s, { apiKey: s.alice.apiKey, secret: 'wrong-secret-0123456789' });
    await venue.connect();
    expect(events.at(-1)).toEqual({ type: 'connection', venue: 'my-binance', state: 'disconnected', reason: 'account: Signature for this request is not valid.' });
    venue.submit(order);
    expect(events.at(-1)).toMatchObject({ type: 'orderRejected', clientOrderId: 'o-1', reason: 'my-binance is not connected' });
    await expect(venue.openOrders()).rejects.toThrow(SqError);
    expect(s.venue.exchange.allOrders('alice', 'BTCUSDT')).toEqual([]);
    expect(everythingSaid(events, s.logger.lines, venue)).not.toContain('wrong-secret-0123456789');
  });

  it('says so when the key may not trade', async () => {
    const s = await spotSetup({ aliceCanTrade: false });
    const { venue, events } = adapter(s, s.alice);
    await venue.connect();
    expect(events.at(-1)).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('this API key may not trade') });
  });

  it('loads only the symbols the account trades, and refuses to connect to one the venue does not list', async () => {
    const s = await spotSetup();
    const some = adapter(s, s.alice, ['ETHUSDT']);
    await some.venue.connect();
    expect(some.venue.instruments().map((i) => i.symbol)).toEqual(['ETH-USDT']);
    const wrong = adapter(s, s.alice, ['ETHUSDT', 'DOGEUSDT']);
    await wrong.venue.connect();
    expect(wrong.events.at(-1)).toEqual({ type: 'connection', venue: 'my-binance', state: 'disconnected', reason: 'exchangeInfo: DOGEUSDT is not trading on Binance spot' });
  });
});
